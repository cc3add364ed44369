import Histogram

/// An exact latency distribution in microseconds (HdrHistogram, 3 significant digits).
///
/// Encodes compactly: only non-zero buckets, as `[value, count]` pairs, so result files stay small
/// and any percentile can be recomputed, and histograms from several runs or processes merged exactly.
package struct LatencyHistogram: Sendable, Equatable {
    package private(set) var histogram: Histogram<UInt64>

    package init() {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        self.histogram = histogram
    }

    /// Records one latency; values below 1 µs count as 1 µs.
    package mutating func record(micros: UInt64) {
        _ = histogram.record(Swift.max(micros, 1))
    }

    /// Records `count` latencies of `micros` each (a decoded bucket).
    package mutating func record(micros: UInt64, count: UInt64) {
        _ = histogram.record(Swift.max(micros, 1), count: count)
    }

    /// Adds every sample of `other`; exact.
    package mutating func add(_ other: LatencyHistogram) {
        if other.histogram.totalCount > 0 { histogram.add(other.histogram) }
    }

    /// Forgets every sample, keeping the allocated buckets.
    package mutating func reset() { histogram.reset() }

    package var count: UInt64 { histogram.totalCount }

    /// The latency at `percentile` (0...100) in microseconds, as the highest value of its bucket
    /// (HdrHistogram's convention, at most 0.1% above the exact sample); 0 when empty.
    ///
    /// It depends only on the buckets, which `result.json` keeps, so a report rebuilt from a decoded result
    /// is the same as the one written at the end of the run.
    package func micros(atPercentile percentile: Double) -> UInt64 {
        count == 0 ? 0 : histogram.highestEquivalentForValue(histogram.valueAtPercentile(percentile))
    }

    /// The smallest latency, as the lowest value of its bucket; 0 when empty.
    package var minMicros: UInt64 { count == 0 ? 0 : histogram.lowestEquivalentForValue(histogram.min) }

    /// The largest latency, as the highest value of its bucket; 0 when empty.
    package var maxMicros: UInt64 { count == 0 ? 0 : histogram.highestEquivalentForValue(histogram.maxRecorded) }
    package var meanMicros: Double { count == 0 ? 0 : histogram.mean }

    /// The smallest latency exactly as recorded (the histogram keeps it beside its buckets); 0 when empty. A
    /// histogram decoded from buckets only knows its bucket, so this is then that bucket's value.
    package var exactMinMicros: UInt64 { count == 0 ? 0 : histogram.min }

    /// The largest latency exactly as recorded; 0 when empty. After decoding, the top of its bucket.
    package var exactMaxMicros: UInt64 { count == 0 ? 0 : histogram.maxRecorded }
}

extension LatencyHistogram: Codable {
    private enum CodingKeys: String, CodingKey {
        case unit, significantDigits, count, buckets
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("us", forKey: .unit)
        try container.encode(3, forKey: .significantDigits)
        try container.encode(count, forKey: .count)
        var buckets: [[UInt64]] = []
        for bucket in histogram.recordedValues() {
            buckets.append([bucket.value, UInt64(bucket.count)])
        }
        try container.encode(buckets, forKey: .buckets)
    }

    /// Decodes a histogram, refusing one whose `significantDigits` is not 3 or whose `count` is not the sum of its
    /// bucket counts (a truncated or hand-edited file): the error's path is the histogram's own.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unit = try container.decode(String.self, forKey: .unit)
        guard unit == "us" else {
            throw DecodingError.dataCorruptedError(
                forKey: .unit, in: container, debugDescription: "latency unit must be \"us\", found \"\(unit)\"")
        }
        let digits = try container.decode(Int.self, forKey: .significantDigits)
        guard digits == 3 else {
            throw Self.refused(container, "\"significantDigits\" is \(digits), but LoadRunner histograms have 3")
        }
        let count = try container.decode(UInt64.self, forKey: .count)
        self.init()
        for pair in try container.decode([[UInt64]].self, forKey: .buckets) {
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .buckets, in: container, debugDescription: "each bucket must be [value, count]")
            }
            _ = histogram.record(pair[0], count: pair[1])
        }
        guard count == self.count else {
            throw Self.refused(container, "\"count\" is \(count), but its buckets hold \(self.count) samples")
        }
    }

    /// The error for a histogram whose fields disagree, at the histogram's path, saying what to do.
    private static func refused(_ container: KeyedDecodingContainer<CodingKeys>, _ problem: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: container.codingPath,
            debugDescription: problem + " (a truncated or hand-edited file); "
                + "use the result.json the run wrote, or run the profile again"))
    }
}
