import Foundation
import Testing

@testable import LabService

/// Flags, `--topology` (the JSON of `Lab/lab env --json`) and the `LAB_*` environment resolved into one
/// configuration; a bad value is a message (the command exits 64 with it).
@Suite struct ConfigurationTests {
    /// `Lab/lab`, found from this file's path.
    static let lab = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lab").path

    static func resolve(_ arguments: [String], environment: [String: String] = [:], topology: TopologyFile? = nil) throws
        -> ServiceConfiguration
    {
        try ServiceConfiguration.resolve(options: ServiceOptions.parse(arguments), environment: environment, topology: topology)
    }

    /// `Lab/lab env --json` for a lab on ports 31001-31003 (the script only prints; no server starts).
    static func labTopology() async throws -> Data {
        var environment = ProcessInfo.processInfo.environment
        environment["LAB_DIR"] = "/tmp/lab-topology-test"
        environment["LAB_PRIMARY_PORT"] = "31001"
        environment["LAB_REPLICA1_PORT"] = "31002"
        environment["LAB_REPLICA2_PORT"] = "31003"
        return Data(try await ChildProcess.succeed([lab, "env", "--json"], environment: environment).utf8)
    }

    @Test func theTopologyOfLabEnvJsonGivesEveryNode() async throws {
        let topology = try TopologyFile.parse(try await Self.labTopology(), path: "lab.json")
        let configuration = try Self.resolve([], environment: ["LAB_PRIMARY_PORT": "9"], topology: topology)
        #expect(configuration.primary == NodeAddress(host: "127.0.0.1", port: 31001))
        #expect(configuration.replica1 == NodeAddress(host: "127.0.0.1", port: 31002))
        #expect(configuration.replica2 == NodeAddress(host: "127.0.0.1", port: 31003))
        #expect(configuration.user == "lab" && configuration.database == "lab")
        // Flags still win.
        let flagged = try Self.resolve(["--replica2", "127.0.0.2:5", "--user", "me"], topology: topology)
        #expect(flagged.replica2 == NodeAddress(host: "127.0.0.2", port: 5))
        #expect(flagged.primary.port == 31001 && flagged.user == "me")
    }

    @Test func topologyFileReadsAFileAndNamesItsProblems() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-topology-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("lab.json").path
        try await Self.labTopology().write(to: URL(fileURLWithPath: good))
        let port = try TopologyFile.read(good).node(.replica1)?.port
        #expect(port == 31002)

        let missing = folder.appendingPathComponent("none.json").path
        #expect(Self.message { try TopologyFile.read(missing) }
            == "--topology \(missing) cannot be opened; write it with `Lab/lab env --json > FILE`")
        let oneNode = Data(#"{"nodes": [{"name": "primary", "host": "127.0.0.1", "port": 1, "user": "lab", "database": "lab"}]}"#.utf8)
        #expect(Self.message { try TopologyFile.parse(oneNode, path: "t.json") }
            == "--topology t.json has no node named replica1; write it with `Lab/lab env --json > FILE`")
        #expect(Self.message { try TopologyFile.parse(Data("export LAB_DIR=x".utf8), path: "t.json") }?
            .hasPrefix("--topology t.json is not the JSON of `Lab/lab env --json`: ") == true)
    }

    /// The message `body` fails with; nil (and a recorded issue) when it does not fail.
    static func message<T>(_ body: () throws -> T) -> String? {
        #expect(throws: ServiceConfiguration.Invalid.self) { _ = try body() }?.description
    }

    @Test func withoutATopologyTheEnvironmentAndThenTheDefaultsApply() throws {
        let defaults = try Self.resolve([])
        let ports: [Int] = [defaults.primary.port, defaults.replica1.port, defaults.replica2.port]
        #expect(ports == [25432, 25433, 25434])
        let environment = try Self.resolve([], environment: ["LAB_REPLICA1_HOST": "127.0.0.9", "LAB_REPLICA1_PORT": "7"])
        #expect(environment.replica1 == NodeAddress(host: "127.0.0.9", port: 7))
    }

    @Test func badFlagsAreMessages() throws {
        #expect(Self.message { try Self.resolve(["--host", "10.1.2.3"]) }?.hasPrefix("--host 10.1.2.3 is not a loopback address") == true)
        #expect(Self.message { try Self.resolve(["--primary", "nohostport"]) }
            == "--primary \"nohostport\" must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:25432")
    }
}
