import Foundation
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// `LoadRunner ab` as a program, against two real servers: B adds 20 ms to every request.
@Suite(.serialized) struct AbCLITests {
    /// About 1 s per round: 2 users on the demo route, 1 s with 200 ms of warm-up.
    static let profile = """
        name: ab short
        target: http://127.0.0.1:1
        requests:
          - { name: get, path: "/user/get-ids?number=1" }
        stages:
          - { users: 2, duration: 1200ms, warmup: 200ms }
        """

    /// `ab.json` as a tree, and the `Aggregated` p50 row of stage 1.
    static func p50(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("ab.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let comparison = try #require(root["comparison"] as? [String: Any])
        let metrics = try #require(comparison["metrics"] as? [[String: Any]])
        return try #require(metrics.first { $0["metric"] as? String == "p50" && $0["stage"] as? Int == 1 })
    }

    @Test func aTwentyMillisecondSlowerCandidateIsARegressionAndTheSameServerIsNot() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        try await TestHTTPServer.withServer { fast in
            try await TestHTTPServer.withServer(.init(fixedDelay: .milliseconds(20))) { slow in
                let slower = try await BinaryRunner.run(
                    ["ab", "p.yaml", "--baseline-target", fast.baseURL, "--candidate-target", slow.baseURL,
                     "--rounds", "6", "--seed", "42", "--out", "slower"], in: folder)
                #expect(slower.status == 2, "\(slower.stdout)\(slower.stderr)")
                #expect(slower.stdout.contains("FAILED"))
                #expect(slower.stdout.contains("seed 42"))
                let out = folder.appendingPathComponent("slower")
                for name in ["ab.md", "ab.json", "rounds/01-a/result.json", "rounds/01-b/result.json",
                             "rounds/02-b/result.json", "rounds/06-b/result.json"] {
                    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
                }
                let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
                #expect(names.sorted() == OutputFile.all.filter { $0.folder == .ab }.map(\.name).sorted())
                let p50 = try Self.p50(out)
                #expect(p50["verdict"] as? String == "worse")
                // B - A is the server's extra 20 ms, within 30%.
                let median = try #require(p50["medianDifference"] as? Double)
                let mean = try #require(p50["change"] as? Double)
                #expect((14_000...26_000).contains(median), "\(median) µs")
                #expect((14_000...26_000).contains(mean), "\(mean) µs")
                #expect((p50["differences"] as? [Double])?.count == 6)
                // Each round's seed is the one asked for.
                let round = try String(contentsOf: out.appendingPathComponent("rounds/03-a/result.json"), encoding: .utf8)
                #expect(round.contains("\"seed\" : 42"))
                let markdown = try String(contentsOf: out.appendingPathComponent("ab.md"), encoding: .utf8)
                #expect(markdown.contains("| p50 "))
                #expect(markdown.contains("1 (AB)") && markdown.contains("2 (BA)"))

                let same = try await BinaryRunner.run(
                    ["ab", "p.yaml", "--baseline-target", fast.baseURL, "--candidate-target", fast.baseURL,
                     "--rounds", "6", "--out", "same", "--fail-on", "p50 > +10% and +1ms", "--fail-on", "p95 > +20% and +2ms"],
                    in: folder)
                #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
                #expect(same.stdout.contains("PASSED"))
                #expect(try Self.p50(folder.appendingPathComponent("same"))["verdict"] as? String != "worse")
            }
        }
    }

    @Test func fewerRoundsThanCanShowAChangeAreRefused() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let output = try await BinaryRunner.run(
            ["ab", "p.yaml", "--baseline-target", "http://127.0.0.1:1", "--candidate-target", "http://127.0.0.1:2",
             "--rounds", "4"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("--rounds must be at least 6"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Reports").path))
    }

    @Test func ctrlCEndsAfterTheCurrentRoundAndWritesWhatWasMeasured() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        try await TestHTTPServer.withServer { server in
            let output = try await BinaryRunner.run(
                ["ab", "p.yaml", "--baseline-target", server.baseURL, "--candidate-target", server.baseURL,
                 "--rounds", "6", "--out", "cut"], in: folder, interruptAfter: .milliseconds(3_000))
            #expect(output.status == 130, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.contains("too few rounds to judge"))
            let out = folder.appendingPathComponent("cut")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("ab.json").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rounds/01-a/result.json").path))
            // The round in progress finished: no round was cut short, and not all 12 ran.
            let rounds = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("rounds").path)
            #expect(rounds.count >= 1 && rounds.count < 12)
            for name in rounds {
                let text = try String(contentsOf: out.appendingPathComponent("rounds/\(name)/result.json"), encoding: .utf8)
                #expect(text.contains("\"interrupted\" : false"), "\(name)")
            }
        }
    }
}
