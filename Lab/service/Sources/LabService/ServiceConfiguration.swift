/// The validated settings of one `lab-service` run: flags resolved against the environment.
///
/// Built by ``resolve(options:environment:)``, which reports the first invalid value as a message
/// from ``Messages``; the command turns that into exit code 64.
struct ServiceConfiguration: Sendable {
    var readMode: ReadMode
    var primary: NodeAddress
    var replica1: NodeAddress
    var replica2: NodeAddress
    var user: String
    var database: String
    /// Address the HTTP server binds to; always a loopback address.
    var host: String
    /// HTTP port; 0 asks the system for a free port (see `portFile`).
    var port: Int
    /// File that receives the bound port once the server listens, or `nil`.
    var portFile: String?
    /// Maximum connections per database node.
    var poolSize: Int
    /// Longest a query may take, including the wait for a connection (a stopped node never gives one).
    var queryTimeout: Duration

    /// The address of `node`.
    func address(of node: DatabaseNode) -> NodeAddress {
        switch node {
        case .primary: primary
        case .replica1: replica1
        case .replica2: replica2
        }
    }

    /// A problem with the flags or environment, carrying a message from ``Messages``.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Resolves `options` against `topology` (the file of `--topology`, read by the caller) or else
    /// `environment` (`LAB_<NODE>_HOST`/`_PORT`, `LAB_PRIMARY_USER`, `LAB_PRIMARY_DB`).
    ///
    /// Flags win over the topology file, which wins over the environment, which wins over the lab's
    /// defaults (127.0.0.1:25432/25433/25434).
    static func resolve(
        options: ServiceOptions, environment: [String: String], topology: TopologyFile? = nil
    ) throws(Invalid) -> ServiceConfiguration {
        func node(_ node: DatabaseNode, flag: String?, option: String) throws(Invalid) -> NodeAddress {
            if let flag {
                guard let address = NodeAddress(flag) else {
                    throw Invalid(description: Messages.badAddress(option: option, flag))
                }
                return address
            }
            if let entry = topology?.node(node) { return NodeAddress(host: entry.host, port: entry.port) }
            let host = environment["\(node.environmentPrefix)_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            let portText = environment["\(node.environmentPrefix)_PORT"] ?? ""
            if portText.isEmpty { return NodeAddress(host: host, port: node.defaultPort) }
            guard let address = NodeAddress("\(host):\(portText)") else {
                throw Invalid(description: Messages.badAddress(option: "\(node.environmentPrefix)_PORT", portText))
            }
            return address
        }
        guard isLoopback(options.host) else { throw Invalid(description: Messages.notLoopback(options.host)) }
        guard (0...65535).contains(options.port) else { throw Invalid(description: Messages.badPort(options.port)) }
        guard options.poolSize >= 1 else { throw Invalid(description: Messages.badPoolSize(options.poolSize)) }
        guard options.queryTimeoutMs >= 1 else {
            throw Invalid(description: Messages.badQueryTimeout(options.queryTimeoutMs))
        }
        return ServiceConfiguration(
            readMode: options.reads,
            primary: try node(.primary, flag: options.primary, option: "--primary"),
            replica1: try node(.replica1, flag: options.replica1, option: "--replica1"),
            replica2: try node(.replica2, flag: options.replica2, option: "--replica2"),
            user: options.user ?? topology?.node(.primary)?.user
                ?? environment["LAB_PRIMARY_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "lab",
            database: options.database ?? topology?.node(.primary)?.database
                ?? environment["LAB_PRIMARY_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "lab",
            host: options.host,
            port: options.port,
            portFile: options.portFile,
            poolSize: options.poolSize,
            queryTimeout: .milliseconds(options.queryTimeoutMs)
        )
    }

    /// Whether `host` is a loopback name or address: `localhost`, `127.0.0.0/8` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
