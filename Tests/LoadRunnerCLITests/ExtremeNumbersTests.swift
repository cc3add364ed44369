import Foundation
import LoadRunnerTestSupport
import Testing

/// The extreme numbers through the built binary: each is exit 64 with a message at its key (no crash,
/// no exit 132), `run` sends nothing, and a profile at the limits runs.
@Suite(.serialized) struct ExtremeNumbersTests {
    /// A profile with one stage and one request; `stages` and `requests` replace those parts.
    static func profile(requests: String = "  - { name: a, path: /ok }", stages: String = "  - { users: 1, duration: 1s }",
                        extra: String = "") -> String {
        "target: http://127.0.0.1:1\n" + extra + "requests:\n" + requests + "\nstages:\n" + stages + "\n"
    }

    static let cases: [(name: String, yaml: String, key: String, says: String)] = [
        ("two weights of Int64.max",
         profile(requests: "  - { name: a, path: /ok, weight: 9223372036854775807 }\n  - { name: b, path: /ok, weight: 9223372036854775807 }"),
         "p.yaml:3:35: error: requests[0].weight", "is too large\n  hint: the most is 1000000"),
        ("users of Int64.max", profile(stages: "  - { users: 9223372036854775807, duration: 1s }"),
         "p.yaml:5:14: error: stages[0].users", "\"9223372036854775807\" is too large\n  hint: the most is 1000000"),
        ("users of a trillion", profile(stages: "  - { users: 1000000000000, duration: 1s }"),
         "p.yaml:5:14: error: stages[0].users", "\"1000000000000\" is too large\n  hint: the most is 1000000"),
        ("users beyond Int64", profile(stages: "  - { users: 99999999999999999999999, duration: 1s }"),
         "p.yaml:5:14: error: stages[0].users", "is too large\n  hint: the most is 1000000"),
        ("a range over all of Int64",
         profile(requests: "  - { name: a, path: \"/ok/{{ ids }}\" }",
                 extra: "data:\n  ids: { range: [-9223372036854775808, 9223372036854775807] }\n"),
         "p.yaml:3:18: error: data.ids.range[0]", "is too small\n  hint: the least is -1000000000000000000"),
        ("two counted stages of Int64.max requests",
         profile(stages: "  - { users: 1, requests: 9223372036854775807 }\n  - { users: 1, requests: 9223372036854775807 }"),
         "p.yaml:5:27: error: stages[0].requests", "is too large\n  hint: the most is 1000000000000"),
        ("a duration that rounds to zero", profile(stages: "  - { users: 1, duration: 0.0001ms }"),
         "p.yaml:5:27: error: stages[0].duration", "\"0.0001ms\" rounds to 0µs\n  hint: the smallest is 1µs"),
        ("a duration of 99999999h", profile(stages: "  - { users: 1, duration: 99999999h }"),
         "p.yaml:5:27: error: stages[0].duration", "\"99999999h\" is too long (max 720h (30 days))"),
    ]

    @Test func validateRefusesEachExtremeNumberWithExit64AtItsKey() async throws {
        for item in Self.cases {
            let folder = try BinaryRunner.folder(["p.yaml": item.yaml])
            let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, timeout: .seconds(30))
            #expect(output.status == 64, "\(item.name): \(output.status) \(output.stderr)")
            #expect(output.stderr.contains(item.key) && output.stderr.contains(item.says), "\(item.name): \(output.stderr)")
            #expect(!output.stderr.contains("Fatal error") && output.stdout.isEmpty, "\(item.name)")
        }
    }

    @Test func runRefusesTheWholeInt64RangeBeforeSendingAnything() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.cases[4].yaml])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder, timeout: .seconds(60))
            #expect(output.status == 64, "\(output.stderr)")
            #expect(output.stderr.contains("data.ids.range[0]"))
            #expect(server.requestsServed == 0)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        }
    }

    @Test func aProfileAtTheLimitsValidatesAndItsWidestRangeRuns() async throws {
        try await TestHTTPServer.withServer { server in
            let yaml = Self.profile(
                requests: "  - { name: a, path: \"/ok/{{ ids }}\", weight: 1000000, expect: [200, 404] }\n"
                    + "  - { name: b, path: \"/ok/{{ ids }}\", weight: 1000000, expect: [200, 404] }",
                stages: "  - { users: 2, spawn_rate: 1000000, requests: 40, duration: 720h }",
                extra: "data:\n  ids: { range: [-1000000000000000000, 1000000000000000000] }\n")
            let folder = try BinaryRunner.folder(["p.yaml": yaml])
            let valid = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, timeout: .seconds(30))
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(valid.stdout.contains("40 requests in counted stages, at most 43200m"), "\(valid.stdout)")
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder, timeout: .seconds(60))
            #expect(output.status == 0, "\(output.stderr)")
            #expect(server.requests(forPathPrefix: "/ok/") == 40)
        }
    }
}
