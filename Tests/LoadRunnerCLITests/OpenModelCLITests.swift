import Foundation
import LoadRunnerTestSupport
import Testing

/// Open stages at the command line: `validate` explains their plan, `run` runs them;
/// and the run's seed (`--seed`, `seed:`, or drawn) is recorded in result.json.
@Suite(.serialized) struct OpenModelCLITests {
    static let openProfile = """
        name: open
        target: http://127.0.0.1:8085
        seed: 42
        data:
          ids: { fetch: /user/get-ids }
        requests:
          - { name: get, path: "/user/get/{{ ids }}" }
        stages:
          - { users: 2, duration: 2s }
          - { rate: 100/s to 300/s, duration: 10s, warmup: 2s }
          - { rate: 50/s, arrivals: poisson, duration: 4s }
        """

    @Test func validateDescribesOpenStagesAndTheirPlan() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.openProfile])
        let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "p.yaml: valid: 3 stages, 1 request, up to 2 users and up to 300/s, 16s against http://127.0.0.1:8085")
        #expect(lines.dropFirst().prefix(4) == [
            "open stages (requests arrive by rate, whatever the answers do):",
            "  stage 2: open, 100/s to 300/s, uniform arrivals: 2000 requests over 10s (warm-up 2s)",
            "  stage 3: open, 50/s, poisson arrivals: about 200 requests over 4s",
            "  at most 10000 connections; an arrival unsent 10s after it is due counts as missed; seed 42",
        ])
    }

    /// `run` runs open stages after a closed one: each open stage sends its planned arrivals and result.json
    /// records what its dispatch did (`open`), beside the closed stage (which has none).
    @Test func runRunsOpenStagesAfterAClosedOne() async throws {
        try await TestHTTPServer.withServer { server in
            // The demo service wants to be told how many ids to give.
            let profile = Self.openProfile.replacingOccurrences(of: "/user/get-ids", with: "\"/user/get-ids?number=20\"")
            let folder = try BinaryRunner.folder(["p.yaml": profile])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder)
            #expect(output.status == 0, "\(output.stderr)")
            let data = try Data(contentsOf: folder.appendingPathComponent("out/result.json"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let stages = try #require(object?["stages"] as? [[String: Any]])
            #expect(stages.count == 3)
            #expect(stages[0]["open"] == nil)
            let ramp = try #require(stages[1]["open"] as? [String: Any])
            // 100/s to 300/s over 10 s, warm-up 2 s: the window holds the integral from 2 s to 10 s, 1,760 arrivals.
            #expect((ramp["due"] as? Int) == 1_760 && (ramp["sent"] as? Int) == 1_760, "\(ramp)")
            #expect(stages[2]["open"] is [String: Any])
            #expect(server.requests(forPathPrefix: "/user/get/") > 2_000)
        }
    }

    static let closedProfile = """
        name: seeded
        target: http://127.0.0.1:1
        requests:
          - { name: ok, path: /ok }
        stages:
          - { users: 1, duration: 1s }
        """

    @Test func theSeedUsedIsRecordedAndTheFlagWins() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder([
                "seeded.yaml": Self.closedProfile + "\nseed: 77\n", "drawn.yaml": Self.closedProfile,
            ])
            func seed(_ arguments: [String], out: String) async throws -> Int64? {
                let output = try await BinaryRunner.run(
                    ["run"] + arguments + ["--target", server.baseURL, "--out", out, "--quiet"], in: folder)
                #expect(output.status == 0, "\(output.stderr)")
                let data = try Data(contentsOf: folder.appendingPathComponent(out + "/result.json"))
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                return (object?["seed"] as? NSNumber)?.int64Value
            }
            #expect(try await seed(["seeded.yaml", "--seed", "123"], out: "flag") == 123)
            #expect(try await seed(["seeded.yaml"], out: "profile") == 77)
            let drawn = try #require(try await seed(["drawn.yaml"], out: "drawn"))
            #expect((0...9_007_199_254_740_991).contains(drawn))
        }
    }

    @Test func aSeedBeyondTwoToThe53IsAUsageError() async throws {
        let output = try await BinaryRunner.run(["run", "x.yaml", "--seed", "9007199254740992"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--seed must be between 0 and 9007199254740991"))
    }
}
