import Histogram

/// The non-zero buckets of a `LatencyHistogram`, kept sparse: the per-second series holds one per request
/// name and second, where a full histogram (its counts array, up to ~100 kB) would not fit in memory.
///
/// Written in `result.json` as one string of `value:count` pairs, values ascending, separated by spaces
/// (`"2360:1 2994:3"`), the same values and counts as the `[value, count]` pairs of the stage histograms,
/// so `histogram` is exact: any window of seconds, and any set of runs, can be merged and recomputed.
package struct LatencyBuckets: Sendable, Equatable {
    /// A bucket's value (the highest value it holds, in microseconds) and how many samples it holds.
    package struct Bucket: Sendable, Equatable {
        package var value: UInt64
        package var count: UInt64

        package init(value: UInt64, count: UInt64) {
            self.value = value
            self.count = count
        }
    }

    package private(set) var buckets: [Bucket]

    package init() { buckets = [] }

    /// Buckets as given: values ascending, each the highest value of its HdrHistogram bucket, counts above 0
    /// (what a generated fixture builds without a histogram).
    package init(buckets: [Bucket]) { self.buckets = buckets }

    package init(_ histogram: LatencyHistogram) {
        buckets = histogram.histogram.recordedValues().map { Bucket(value: $0.value, count: UInt64($0.count)) }
    }

    /// How many samples the buckets hold.
    package var count: UInt64 { buckets.reduce(0) { $0 + $1.count } }

    /// The full histogram these buckets came from; exact.
    package var histogram: LatencyHistogram {
        var histogram = LatencyHistogram(coveringMicros: buckets.lazy.map(\.value).max() ?? 0)
        for bucket in buckets { histogram.record(micros: bucket.value, count: bucket.count) }
        return histogram
    }
}

extension LatencyBuckets: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        buckets = []
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let value = UInt64(parts[0]), let count = UInt64(parts[1]), value > 0, count > 0 else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(pair)\" is not a bucket like 2360:4 (value:count)")
            }
            buckets.append(Bucket(value: value, count: count))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(buckets.map { "\($0.value):\($0.count)" }.joined(separator: " "))
    }
}
