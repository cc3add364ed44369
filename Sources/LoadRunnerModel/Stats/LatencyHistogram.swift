import Histogram

/// An exact latency distribution in microseconds (HdrHistogram, 3 significant digits).
///
/// Encodes compactly: only non-zero buckets, as `[value, count]` pairs, so result files stay small
/// and any percentile can be recomputed, and histograms from several runs or processes merged exactly.
package struct LatencyHistogram: Sendable, Equatable {
    package private(set) var histogram: Histogram<UInt64>

    package init() { histogram = Self.empty(coveringMicros: 0) }

    /// An empty histogram whose buckets already reach `micros` (a decoded histogram's largest value), so filling it
    /// never grows it.
    package init(coveringMicros micros: UInt64) { histogram = Self.empty(coveringMicros: micros) }

    /// Records one latency; values below 1 µs count as 1 µs.
    package mutating func record(micros: UInt64) {
        let value = Swift.max(micros, 1)
        if value > histogram.highestTrackableValue { grow(toCoverMicros: value) }
        _ = histogram.record(value)
    }

    /// Records `count` latencies of `micros` each (a decoded bucket).
    package mutating func record(micros: UInt64, count: UInt64) {
        let value = Swift.max(micros, 1)
        if value > histogram.highestTrackableValue { grow(toCoverMicros: value) }
        _ = histogram.record(value, count: count)
    }

    /// Adds every sample of `other`; exact.
    package mutating func add(_ other: LatencyHistogram) {
        guard other.histogram.totalCount > 0 else { return }
        if other.histogram.maxRecorded > histogram.highestTrackableValue { grow(toCoverMicros: other.histogram.maxRecorded) }
        histogram.add(other.histogram)
    }

    /// Makes room for `micros` with a new histogram of exactly the size HdrHistogram's own `autoResize` would reach, and
    /// the samples so far added in. Why not `autoResize`: its resize appends the zeros through unspecialized generic
    /// code, element by element, which cost more than all the recording (`perf`: about a tenth of an open run's CPU
    /// samples, docs/performance.md); a new histogram's array is made in one pass and `add` is specialized. Same
    /// buckets, same counts, same memory.
    private mutating func grow(toCoverMicros micros: UInt64) {
        var larger = Self.empty(coveringMicros: micros)
        larger.add(histogram)
        histogram = larger
    }

    /// An empty histogram (3 significant digits) whose counts reach at least `micros`: its `highestTrackableValue` is
    /// the top of its last bucket (2,047 µs, then doubling), so `value > highestTrackableValue` says exactly when a
    /// value does not fit. Beyond 2^62 µs it is left to `autoResize`, as before.
    private static func empty(coveringMicros micros: UInt64) -> Histogram<UInt64> {
        var top: UInt64 = Self.firstBucketTopMicros
        while top < micros && top < UInt64.max >> 2 { top = top << 1 | 1 }
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: top, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        return histogram
    }

    /// The largest value the smallest histogram holds: 2,048 sub-buckets of 1 µs (3 significant digits), less one.
    private static let firstBucketTopMicros: UInt64 = 2_047

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

    /// The mean of the bucket midpoints, as HdrHistogram's `mean` computes it (same sum, same order), but through the
    /// specialized iterator: the library's own runs unspecialized, once per second and row.
    package var meanMicros: Double {
        guard count > 0 else { return 0 }
        var total = 0.0
        for bucket in histogram.recordedValues() {
            total += Double(histogram.medianEquivalentForValue(bucket.value)) * Double(bucket.count)
        }
        return total / Double(count)
    }

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
        let pairs = try container.decode([[UInt64]].self, forKey: .buckets)
        self.init(coveringMicros: pairs.lazy.compactMap(\.first).max() ?? 0)
        for pair in pairs {
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
