import Foundation
@testable import LoadRunnerModel
import LoadRunnerReports
import Testing

/// A histogram in `result.json` whose `significantDigits` or `count` disagrees with what LoadRunner writes is
/// refused, with the file, the histogram's JSON path, what is wrong and what to do.
@Suite("Histogram decoding")
struct HistogramDecodingTests {
    /// `ReportFixtures`' run as a JSON object, with `edit` applied to the histogram of stage 2's first request row.
    static func doctored(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(
            try JSONSerialization.jsonObject(with: try ResultJSON.encode(ReportFixtures.result())) as? [String: Any])
        var stages = try #require(object["stages"] as? [[String: Any]])
        var requests = try #require(stages[1]["requests"] as? [[String: Any]])
        var latency = try #require(requests[0]["latency"] as? [String: Any])
        edit(&latency)
        requests[0]["latency"] = latency
        stages[1]["requests"] = requests
        object["stages"] = stages
        return try JSONSerialization.data(withJSONObject: object)
    }

    static let advice = " (a truncated or hand-edited file); use the result.json the run wrote, or run the profile again"

    @Test func theUntouchedFileReads() throws {
        let data = try Self.doctored { _ in }
        #expect(try ResultJSON.decode(data) == ResultJSON.decode(try ResultJSON.encode(ReportFixtures.result())))
    }

    @Test func aCountThatIsNotTheSumOfTheBucketsIsRefused() throws {
        let buckets = ReportFixtures.result().stages[1].requests[0].latency.count
        let data = try Self.doctored { $0["count"] = buckets + 5 }
        let reason = "stages[1].requests[0].latency: \"count\" is \(buckets + 5), but its buckets hold \(buckets) samples"
        #expect(throws: ResultFileError.damaged(source: "run/result.json", reason: reason + Self.advice)) {
            try ResultJSON.decode(data, source: "run/result.json")
        }
    }

    @Test func aTruncatedBucketListIsRefused() throws {
        let stats = ReportFixtures.result().stages[1].requests[0].latency
        var lost: UInt64 = 0
        let data = try Self.doctored { latency in
            var buckets = latency["buckets"] as? [[Any]] ?? []
            lost = (buckets.last?[1] as? NSNumber)?.uint64Value ?? 0
            buckets.removeLast()
            latency["buckets"] = buckets
        }
        #expect(lost > 0)
        let reason = "stages[1].requests[0].latency: \"count\" is \(stats.count), but its buckets hold \(stats.count - lost) samples"
        #expect(throws: ResultFileError.damaged(source: "result.json", reason: reason + Self.advice)) {
            try ResultJSON.decode(data)
        }
    }

    @Test func anotherSignificantDigitsIsRefused() throws {
        let data = try Self.doctored { $0["significantDigits"] = 2 }
        let reason = "stages[1].requests[0].latency: \"significantDigits\" is 2, but LoadRunner histograms have 3"
        #expect(throws: ResultFileError.damaged(source: "result.json", reason: reason + Self.advice)) {
            try ResultJSON.decode(data)
        }
        #expect(ResultFileError.damaged(source: "result.json", reason: reason + Self.advice).description
            == "result.json: damaged LoadRunner result: " + reason + Self.advice)
    }

    @Test func aMissingCountIsRefused() throws {
        let data = try Self.doctored { $0["count"] = nil }
        #expect(throws: ResultFileError.damaged(
            source: "result.json", reason: "stages[1].requests[0].latency: \"count\" is missing")) {
            try ResultJSON.decode(data)
        }
    }
}
