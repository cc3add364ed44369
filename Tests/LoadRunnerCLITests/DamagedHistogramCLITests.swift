import Foundation
import Testing

/// `report` and `compare` (the built binary) refuse a result.json whose histogram `count` disagrees with its
/// buckets, with exit 64 and a message naming the file, the histogram's JSON path, what is wrong and what to do.
@Suite(.serialized) struct DamagedHistogramCLITests {
    /// The schema 1 fixture with stage 1's first request histogram claiming one sample more than its buckets hold.
    static func doctored() throws -> (text: String, claimed: Int, held: Int) {
        let fixture = Data(try SchemaOneCLITests.fixture("schema1-result.json").utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: fixture) as? [String: Any])
        var stages = try #require(object["stages"] as? [[String: Any]])
        var requests = try #require(stages[0]["requests"] as? [[String: Any]])
        var latency = try #require(requests[0]["latency"] as? [String: Any])
        let held = try #require(latency["count"] as? Int)
        latency["count"] = held + 1
        requests[0]["latency"] = latency
        stages[0]["requests"] = requests
        object["stages"] = stages
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return (String(decoding: data, as: UTF8.self), held + 1, held)
    }

    @Test func reportAndCompareRefuseAHistogramWhoseCountIsNotItsBuckets() async throws {
        let (text, claimed, held) = try Self.doctored()
        let folder = try BinaryRunner.folder([:])
        for (name, contents) in [("bad", text), ("good", try SchemaOneCLITests.fixture("schema1-result.json"))] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try contents.write(to: folder.appendingPathComponent(name + "/result.json"), atomically: true, encoding: .utf8)
        }
        let expected = "bad/result.json: damaged LoadRunner result: stages[0].requests[0].latency: \"count\" is \(claimed), "
            + "but its buckets hold \(held) samples (a truncated or hand-edited file); "
            + "use the result.json the run wrote, or run the profile again"
        let report = try await BinaryRunner.run(["report", "bad", "--out", "rebuilt"], in: folder)
        #expect(report.status == 64)
        #expect(report.stderr.contains(expected), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rebuilt/report.md").path))
        let compare = try await BinaryRunner.run(["compare", "good", "bad", "--out", "cmp"], in: folder)
        #expect(compare.status == 64)
        #expect(compare.stderr.contains(expected), "\(compare.stderr)")
    }
}
