import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// Schema 2 keeps each second's latency buckets: exact, mergeable, and compact in `result.json`.
@Suite struct PerSecondHistogramTests {
    static func histogram(_ values: [UInt64]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        values.forEach { histogram.record(micros: $0) }
        return histogram
    }

    @Test func bucketsRebuildTheSameHistogram() {
        let histogram = Self.histogram([1, 250, 251, 9_999, 10_007, 1_500_000, 1_500_000])
        let buckets = LatencyBuckets(histogram)
        #expect(buckets.count == 7)
        #expect(buckets.histogram == histogram)
        for percentile in [0, 50, 90, 99.9, 100] as [Double] {
            #expect(buckets.histogram.micros(atPercentile: percentile) == histogram.micros(atPercentile: percentile))
        }
    }

    @Test func bucketsArePackedIntoOneString() throws {
        let buckets = LatencyBuckets(Self.histogram([250, 250, 1_500_000]))
        let text = String(decoding: try JSONEncoder().encode([buckets]), as: UTF8.self)
        let top = try #require(buckets.buckets.last)
        #expect(buckets.buckets.first == LatencyBuckets.Bucket(value: 250, count: 2))
        #expect(top.count == 1 && top.value >= 1_500_000 && top.value < 1_502_000)
        #expect(text == "[\"250:2 \(top.value):1\"]")
        #expect(try JSONDecoder().decode([LatencyBuckets].self, from: Data(text.utf8)) == [buckets])
        #expect(try JSONDecoder().decode([LatencyBuckets].self, from: Data(#"[""]"#.utf8)) == [LatencyBuckets()])
    }

    @Test func damagedBucketsAreRefused() {
        for bad in [#"["250"]"#, #"["250:x"]"#, #"["0:1"]"#, #"["250:0"]"#, #"["1:2:3"]"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode([LatencyBuckets].self, from: Data(bad.utf8)) }
        }
    }

    @Test func intervalKeepsBucketsAndDerivesTheSummary() throws {
        let histogram = Self.histogram([1_000, 2_000, 3_000, 40_000])
        let totals = RunningTotals(requests: 4, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
        let row = IntervalStats(name: "a", method: "GET", requests: 4, failures: 0, bodyBytes: 10, latency: histogram, total: totals)
        #expect(row.percentileMicros == IntervalStats.percentiles.map { histogram.micros(atPercentile: $0) })
        #expect(row.micros(atPercentile: 97) == histogram.micros(atPercentile: 97))
        let data = try ResultJSON.encoder().encode(row)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""latency" : "1000:1 2000:1 "#))
        #expect(!text.contains("percentileMicros"))
        #expect(try ResultJSON.decoder().decode(IntervalStats.self, from: data) == row)
    }

    @Test func windowsMergeExactly() throws {
        var result = ReportFixtures.result()
        let values: [[UInt64]] = [[1_000, 2_000], [3_000], [50_000, 60_000, 70_000]]
        result.series = values.enumerated().map { second, latencies in
            var sample = result.series[0]
            sample.second = second
            sample.requests = [IntervalStats(
                name: "a", method: "GET", requests: UInt64(latencies.count), failures: 0, bodyBytes: 0,
                latency: Self.histogram(latencies), total: sample.requests[0].total)]
            return sample
        }
        #expect(result.latency(seconds: 0..<3) == Self.histogram(values.flatMap { $0 }))
        #expect(result.latency(ofRequest: "a", method: "GET", seconds: 1..<3) == Self.histogram([3_000, 50_000, 60_000, 70_000]))
        #expect(result.latency(ofRequest: "b", seconds: 0..<3)?.count == 0)
    }
}
