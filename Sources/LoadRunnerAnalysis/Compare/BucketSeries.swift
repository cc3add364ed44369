import LoadRunnerModel

/// One histogram of a request row (its latency, service time or lag) over the whole seconds of a stage window, kept
/// as running counts so that any run of consecutive seconds is merged in time independent of its length: what
/// `WindowStatistic` reads for a percentile or a maximum. Pure.
///
/// `cumulative` holds, for every `t` in `0...seconds` and every distinct bucket `u` of the window, how many samples
/// of the seconds before `t` fell in buckets `0...u`; the samples of seconds `s..<s + length` in buckets up to `u`
/// are then `cumulative[s + length][u] - cumulative[s][u]`. Memory is `(seconds + 1) × buckets` words (about 12 MB
/// for 300 s and 5,000 distinct buckets).
struct BucketSeries: Sendable {
    /// The distinct bucket values of the window (the highest value of each bucket, microseconds), ascending.
    let values: [UInt64]
    /// `(seconds + 1) × values.count` running counts, row by row (see the type's comment).
    let cumulative: [UInt64]
    /// Per second, the index in `values` of its highest bucket; -1 for a second without a sample.
    let topBucket: [Int]

    /// The series of `buckets`, one list of non-zero buckets per second of the window, in time order.
    init(_ buckets: [[LatencyBuckets.Bucket]]) {
        let values = Array(Set(buckets.joined().map(\.value))).sorted()
        self.values = values
        cumulative = Self.cumulative(buckets, values: values)
        topBucket = buckets.map { entries in
            entries.map(\.value).max().map { top in Self.index(of: top, in: values) } ?? -1
        }
    }

    /// The position of `value` in the ascending `values`, which hold it.
    private static func index(of value: UInt64, in values: [UInt64]) -> Int {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = (low + high) / 2
            if values[middle] >= value { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The running counts per second and bucket, each second's buckets added at their index.
    private static func cumulative(_ buckets: [[LatencyBuckets.Bucket]], values: [UInt64]) -> [UInt64] {
        let width = values.count
        var index: [UInt64: Int] = [:]
        for (position, value) in values.enumerated() { index[value] = position }
        var result = [UInt64](repeating: 0, count: (buckets.count + 1) * width)
        var counts = [UInt64](repeating: 0, count: width)
        for (second, entries) in buckets.enumerated() {
            for position in 0..<width { counts[position] = 0 }
            for entry in entries { counts[index[entry.value]!] += entry.count }
            var running: UInt64 = 0
            let previous = second * width, row = previous + width
            for position in 0..<width {
                running += counts[position]
                result[row + position] = result[previous + position] + running
            }
        }
        return result
    }
}
