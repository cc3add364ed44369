import Foundation
import LoadRunnerTestSupport
import Testing

/// `${NAME}` in a monitor's `pid_file`, through the built binary: the monitor follows the pid file the
/// environment names; without the variable, `validate` and `run` exit 64 naming the monitor and the variable.
@Suite struct PidFileVariableCLITests {
    static let profile = """
        name: pid file variable
        target: http://127.0.0.1:1
        requests:
          - { name: echo, method: POST, path: /echo, body: "x" }
        stages:
          - { users: 1, duration: 2s }
        monitors:
          - { name: sleeper, pid_file: "${LR_TEST_LAB}/sleeper/postmaster.pid" }
        """

    @Test func theMonitorFollowsThePidFileTheEnvironmentNames() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let lab = folder.appendingPathComponent("lab")
        try FileManager.default.createDirectory(at: lab.appendingPathComponent("sleeper"), withIntermediateDirectories: true)
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["60"]
        try sleeper.run()
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
        // PostgreSQL's layout: the pid on the first line, then other lines.
        try "\(sleeper.processIdentifier)\n/data\n".write(
            to: lab.appendingPathComponent("sleeper/postmaster.pid"), atomically: true, encoding: .utf8)

        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder,
                                       environment: ["LR_TEST_LAB": lab.path])
        }
        #expect(output.status == 0, "\(output.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("out/result.json"))
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let monitors = try #require(result["monitors"] as? [[String: Any]])
        #expect(monitors.count == 1)
        #expect(monitors.first?["target"] as? String == "pid file \(lab.path)/sleeper/postmaster.pid")
        let seconds = try #require(monitors.first?["seconds"] as? [[String: Any]])
        #expect(!seconds.isEmpty)
        #expect(seconds.allSatisfy { $0["alive"] as? Bool == true })
        #expect(seconds.allSatisfy { ($0["pid"] as? NSNumber)?.int32Value == sleeper.processIdentifier })
    }

    @Test func withoutTheVariableValidateAndRunExit64NamingTheMonitorAndTheVariable() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let message = "monitor \"sleeper\" uses ${LR_TEST_LAB} in pid_file, but the environment variable LR_TEST_LAB is not set"
        let validated = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, environment: ["LR_TEST_LAB": ""])
        // An empty value is a value: the path becomes "/sleeper/postmaster.pid", which need not exist yet.
        #expect(validated.status == 0, "\(validated.stderr)")

        for arguments in [["validate", "p.yaml"], ["run", "p.yaml", "--out", "out", "--quiet"]] {
            let output = try await BinaryRunner.run(arguments, in: folder)
            #expect(output.status == 64, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains("p.yaml:8:"), "\(output.stderr)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
