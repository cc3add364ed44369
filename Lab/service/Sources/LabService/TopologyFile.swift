import Foundation

/// The lab's topology as `Lab/lab env --json` prints it: every node's address and login, by node name.
///
/// Only the fields the service needs are read; others (roles, folders, pid files) are ignored: who the
/// primary is the service finds out itself. Given with `--topology FILE`, it stands in for the `LAB_*`
/// environment (flags still win).
struct TopologyFile: Decodable, Sendable, Equatable {
    /// One entry of `nodes`.
    struct Node: Decodable, Sendable, Equatable {
        var name: String
        var host: String
        var port: Int
        var user: String
        var database: String
    }

    var nodes: [Node]

    /// The entry for `node`, if the file has one.
    func node(_ node: DatabaseNode) -> Node? { nodes.first { $0.name == node.rawValue } }

    /// Parses the JSON; a message from ``Messages`` names `path` and what is wrong (not JSON, a field
    /// missing, a lab node absent or on a bad port).
    static func parse(_ data: Data, path: String) throws(ServiceConfiguration.Invalid) -> TopologyFile {
        let file: TopologyFile
        do {
            file = try JSONDecoder().decode(TopologyFile.self, from: data)
        } catch {
            throw ServiceConfiguration.Invalid(description: Messages.topologyUnreadable(path, error))
        }
        for node in DatabaseNode.allCases {
            guard let entry = file.node(node) else {
                throw ServiceConfiguration.Invalid(description: Messages.topologyLacksNode(path, node))
            }
            guard !entry.host.isEmpty, (1...65535).contains(entry.port) else {
                throw ServiceConfiguration.Invalid(
                    description: Messages.badAddress(option: "\(path): \(node.rawValue)", "\(entry.host):\(entry.port)"))
            }
        }
        return file
    }

    /// Reads and parses `path` (a file, or `/dev/stdin`-like paths such as `<(Lab/lab env --json)`).
    static func read(_ path: String) throws(ServiceConfiguration.Invalid) -> TopologyFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ServiceConfiguration.Invalid(description: Messages.topologyMissing(path))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw ServiceConfiguration.Invalid(description: Messages.topologyUnreadable(path, error))
        }
        return try parse(data, path: path)
    }
}
