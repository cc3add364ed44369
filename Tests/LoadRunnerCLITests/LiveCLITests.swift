import Foundation
import LoadRunnerTestSupport
import Testing

/// `run --listen` as a program: a bad address and a taken port are refused before anything is sent, each with
/// its exit code and a message saying what to do.
@Suite(.serialized) struct LiveCLITests {
    static let profile = """
        name: live cli
        target: http://127.0.0.1:1
        requests:
          - { name: ok, path: /ok }
        stages:
          - { users: 1, duration: 1s }
        """

    @Test func aMalformedAddressExits64() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let output = try await BinaryRunner.run(["run", "p.yaml", "--listen", "localhost:http"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("--listen \"localhost:http\" is not an address"))
    }

    @Test func aMalformedPushURLExits64() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        for url in ["127.0.0.1:9090/api/v1/write", "file:///tmp/x", "http://"] {
            let output = try await BinaryRunner.run(["run", "p.yaml", "--out-prometheus", url], in: folder)
            #expect(output.status == 64)
            #expect(output.stderr.contains("--out-prometheus \"\(url)\" is not an http or https URL"))
        }
    }

    @Test func aTakenPortExits69BeforeAnyRequest() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--listen", "127.0.0.1:\(server.port)", "--out", "out"], in: folder)
            #expect(output.status == 69)
            #expect(output.stderr.contains("cannot listen on 127.0.0.1:\(server.port) for --listen"))
            #expect(server.requestsServed == 0)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        }
    }

    @Test func aRunWithListenPrintsTheAddressAndWritesItsFiles() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--listen", "0", "--out", "out", "--quiet"], in: folder)
            #expect(output.status == 0)
            #expect(output.stdout.hasPrefix("live dashboard: http://127.0.0.1:"))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/result.json").path))
        }
    }
}
