import Foundation
import Histogram
import LoadRunnerModel
import Testing

/// `LatencyHistogram` grows by itself (a larger histogram and `add`) instead of through HdrHistogram's `autoResize`:
/// whatever the order of the values, its buckets, counts, min, max, mean and percentiles are exactly those of the
/// library's own auto-resizing histogram given the same values.
@Suite struct LatencyHistogramGrowthTests {
    /// Values across many bucket boundaries (2,047 / 2,048 µs is the first), 0 (recorded as 1 µs) and one of 20 min.
    static let edges: [UInt64] = [0, 1, 2, 2_047, 2_048, 4_095, 4_096, 9_999, 65_535, 65_536, 1_500_000, 1_200_000_000]

    /// `count` values from 1 µs to about 10 s in a fixed pseudo-random order (an LCG: the same every run).
    static func scattered(_ count: Int, seed: UInt64) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 1 + (state >> 33) % (1 << ((state >> 20) % 24))
        }
    }

    /// The library's own histogram of `values`, as `LatencyHistogram` recorded them before (values below 1 as 1).
    static func truth(_ values: [UInt64]) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        values.forEach { _ = histogram.record(max($0, 1)) }
        return histogram
    }

    static func expectSame(_ histogram: LatencyHistogram, as truth: Histogram<UInt64>) {
        #expect(histogram.count == truth.totalCount)
        #expect(histogram.histogram == truth)
        #expect(Array(histogram.histogram.recordedValues()) == Array(truth.recordedValues()))
        #expect(histogram.exactMinMicros == truth.min && histogram.exactMaxMicros == truth.maxRecorded)
        #expect(histogram.meanMicros == truth.mean)
        for percentile in [0, 1, 50, 90, 99, 99.9, 100] as [Double] {
            #expect(histogram.micros(atPercentile: percentile)
                == truth.highestEquivalentForValue(truth.valueAtPercentile(percentile)))
        }
    }

    @Test func recordingGivesTheLibrarysBuckets() {
        let cases: [[UInt64]] = [Self.edges, Self.edges.reversed(), Self.scattered(5_000, seed: 7), [250, 250, 251]]
        for values in cases {
            var histogram = LatencyHistogram()
            values.forEach { histogram.record(micros: $0) }
            Self.expectSame(histogram, as: Self.truth(values))
        }
    }

    @Test func addingGivesTheLibrarysBuckets() {
        let small = Self.scattered(3_000, seed: 1).map { $0 % 3_000 }
        let large = Self.scattered(3_000, seed: 2) + Self.edges
        var merged = LatencyHistogram()
        var parts = (LatencyHistogram(), LatencyHistogram())
        small.forEach { parts.0.record(micros: $0) }
        large.forEach { parts.1.record(micros: $0) }
        merged.add(parts.0)
        merged.add(parts.1)
        merged.add(LatencyHistogram())
        Self.expectSame(merged, as: Self.truth(small + large))
        // The other way round: a large histogram takes a small one without growing.
        parts.1.add(parts.0)
        Self.expectSame(parts.1, as: Self.truth(large + small))
    }

    @Test func countedBucketsAndDecodingGiveTheLibrarysBuckets() throws {
        let values = Self.scattered(2_000, seed: 3) + Self.edges
        var histogram = LatencyHistogram()
        values.forEach { histogram.record(micros: $0) }
        // A decoded histogram knows each bucket, not the values in it: the truth is the library's histogram of the
        // buckets, as the decoder built it before.
        var buckets = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        for bucket in Self.truth(values).recordedValues() { _ = buckets.record(bucket.value, count: bucket.count) }
        let decoded = try JSONDecoder().decode(LatencyHistogram.self, from: try JSONEncoder().encode(histogram))
        Self.expectSame(decoded, as: buckets)
        Self.expectSame(LatencyBuckets(histogram).histogram, as: buckets)
        var counted = LatencyHistogram()
        counted.record(micros: 70_000, count: 3)
        counted.record(micros: 5, count: 2)
        Self.expectSame(counted, as: Self.truth([70_000, 70_000, 70_000, 5, 5]))
    }

    @Test func aResetHistogramStartsAgainWithItsRoom() {
        var histogram = LatencyHistogram()
        Self.edges.forEach { histogram.record(micros: $0) }
        histogram.reset()
        #expect(histogram.count == 0 && histogram.meanMicros == 0 && histogram.micros(atPercentile: 99) == 0)
        let values: [UInt64] = [3, 40_000, 700]
        values.forEach { histogram.record(micros: $0) }
        Self.expectSame(histogram, as: Self.truth(values))
    }
}
