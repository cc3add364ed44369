import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// `merge` as a program, on shard results made from two real runs against the test server (each run's result.json
/// given a `shard` of a 2-shard launch with one seed and common start): the merged counts are the server's own, the
/// merged histogram the sum of the runs', thresholds are judged on the whole, `compare` reads the merged result, and
/// each bad set is refused with exit 66 (a missing folder: 64), naming the culprit.
@Suite(.serialized) struct MergeCLITests {
    static let profile = """
        name: merge
        target: http://127.0.0.1:1
        requests:
          - { name: slow, path: /delay/20 }
        thresholds:
          - "requests > 30"
        stages:
          - { users: 2, requests: 20, duration: 60s }
        """

    /// Writes `object` (a result.json) to `folder/result.json`.
    static func write(_ object: [String: Any], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try data.write(to: folder.appendingPathComponent("result.json"))
    }

    static func read(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("result.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func decode(_ folder: URL) throws -> RunResult {
        try ResultJSON.decode(try Data(contentsOf: folder.appendingPathComponent("result.json")))
    }

    @Test func mergesShardsJudgesTheWholeAndRefusesBadSets() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
            for run in ["run-0", "run-1"] {
                let output = try await BinaryRunner.run(
                    ["run", "p.yaml", "--target", server.baseURL, "--seed", "7", "--out", run, "--quiet"], in: folder)
                #expect(output.status == 99, "\(output.stderr)")  // 20 requests alone fail "requests > 30"
            }
            // The runs as the two shards of one launch: same hash, seed and common start (shard 1's time zero is
            // shard 0's, so their seconds align).
            let start = try #require(try Self.read(folder.appendingPathComponent("run-0"))["startUnixMicros"] as? Int64)
            for index in 0...1 {
                var object = try Self.read(folder.appendingPathComponent("run-\(index)"))
                object["startUnixMicros"] = start
                object["shard"] = [
                    "index": index, "count": 2, "profileHash": "sha256:" + String(repeating: "0f", count: 32),
                    "startAtUnixMicros": start, "lateStartMicros": 0,
                ]
                try Self.write(object, to: folder.appendingPathComponent("shard-\(index)"))
            }

            let merged = try await BinaryRunner.run(["merge", "shard-0", "shard-1", "--out", "merged"], in: folder)
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(merged.stdout.contains("2 shards merged; results in merged"))
            let result = try Self.decode(folder.appendingPathComponent("merged"))
            let parts = try (0...1).map { try Self.decode(folder.appendingPathComponent("shard-\($0)")) }
            // Ground truth: what the server counted, and the two runs' own buckets.
            #expect(result.stages[0].aggregated.requests == 40)
            #expect(server.requests(forPathPrefix: "/delay/") == 40)
            var sum = parts[0].stages[0].aggregated.latency
            sum.add(parts[1].stages[0].aggregated.latency)
            #expect(LatencyBuckets(result.stages[0].aggregated.latency) == LatencyBuckets(sum))
            #expect(result.stages[0].aggregated.latency.micros(atPercentile: 50) >= 20_000)
            #expect(result.series.reduce(0) { $0 + $1.aggregated.requests } == 40)
            #expect(result.thresholds?.map(\.status) == [.passed] && result.thresholds?.first?.observed == 40)
            #expect(result.shards?.map(\.index) == [0, 1] && result.shard == nil)
            let report = try String(contentsOf: folder.appendingPathComponent("merged/report.md"), encoding: .utf8)
            #expect(report.contains("## Shards"))
            for file in ["report.html", "stages.csv", "locust_stats.csv", "locust_stats_history.csv"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged/" + file).path), "\(file)")
            }

            // compare takes a merged result like any other.
            let compared = try await BinaryRunner.run(["compare", "shard-0", "merged", "--out", "compared"], in: folder)
            #expect(compared.status == 0, "\(compared.stderr)")

            // The thresholds are the profile's, judged on the whole: 40 requests fail "requests > 50".
            for index in 0...1 {
                let shard = folder.appendingPathComponent("shard-\(index)")
                var object = try Self.read(shard)
                var provenance = try #require(object["provenance"] as? [String: Any])
                provenance["profileText"] = Self.profile.replacingOccurrences(of: "requests > 30", with: "requests > 50")
                object["provenance"] = provenance
                try Self.write(object, to: folder.appendingPathComponent("strict-\(index)"))
            }
            let strict = try await BinaryRunner.run(["merge", "strict-0", "strict-1", "--out", "strict"], in: folder)
            #expect(strict.status == 99, "\(strict.stderr)")

            // Refusals: nothing is written, and the message names the culprit.
            let missing = try await BinaryRunner.run(["merge", "shard-1", "--out", "partial"], in: folder)
            #expect(missing.status == 66)
            #expect(missing.stderr.contains("shard 0 of 2 is missing"), "\(missing.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("partial").path))

            var reseeded = try Self.read(folder.appendingPathComponent("shard-1"))
            reseeded["seed"] = 8
            try Self.write(reseeded, to: folder.appendingPathComponent("reseeded-1"))
            let seeds = try await BinaryRunner.run(["merge", "shard-0", "reseeded-1", "--out", "seeds"], in: folder)
            #expect(seeds.status == 66)
            #expect(seeds.stderr.contains("the shards differ in seed: 7 in shard-0; 8 in reseeded-1"), "\(seeds.stderr)")

            var interrupted = try Self.read(folder.appendingPathComponent("shard-1"))
            interrupted["interrupted"] = true
            try Self.write(interrupted, to: folder.appendingPathComponent("killed-1"))
            let killed = try await BinaryRunner.run(["merge", "shard-0", "killed-1", "--out", "killed"], in: folder)
            #expect(killed.status == 66)
            #expect(killed.stderr.contains("killed-1 was interrupted"), "\(killed.stderr)")

            let absent = try await BinaryRunner.run(["merge", "shard-0", "no-such-shard", "--out", "absent"], in: folder)
            #expect(absent.status == 64)
            #expect(absent.stderr.contains("no-such-shard/result.json does not exist") || absent.stderr.contains("no-such-shard does not exist"), "\(absent.stderr)")
        }
    }
}
