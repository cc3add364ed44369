import Foundation
import HummingbirdTesting
import Testing

@testable import LabService

/// The service as a real HTTP server on a free port (`--port 0`): it writes the port it bound to
/// `--port-file`, the port a client reaches it on, and answers there.
@Suite struct LiveServerTests {
    @Test func portZeroWritesTheBoundPortToThePortFile() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("lab-port-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: portFile) }
            let configuration = try LabServiceFixture.configuration(
                primaryPort: postgres.port, ["--port", "0", "--port-file", portFile, "--reads", "replicas"])
            try await LabServer(configuration: configuration).makeApplication().test(.live) { client in
                let health = try await client.get("/health")
                #expect(health.status == .ok && health.object["reads"] as? String == "replicas")
                let written = try String(contentsOfFile: portFile, encoding: .utf8)
                let port = try #require(client.port)
                #expect(port > 0)
                #expect(written == "\(port)\n")
            }
        }
    }
}
