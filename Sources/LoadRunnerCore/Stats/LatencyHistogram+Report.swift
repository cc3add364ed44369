extension LatencyHistogram {
    /// The latency at `percentile` (0...100) in microseconds, as the highest value of its histogram bucket
    /// (HdrHistogram's own convention); 0 when empty.
    ///
    /// Unlike `micros(atPercentile:)`, this does not depend on where inside a bucket the smallest and largest
    /// samples fell, which `result.json` does not keep: a report built from a decoded result is the same as
    /// one built at the end of the run. At most 0.1% above the exact value (3 significant digits).
    public func reportedMicros(atPercentile percentile: Double) -> UInt64 {
        count == 0 ? 0 : histogram.highestEquivalentForValue(histogram.valueAtPercentile(percentile))
    }

    /// The smallest latency, as the lowest value of its bucket, in microseconds; 0 when empty.
    /// Stable across a `result.json` round trip, like `reportedMicros(atPercentile:)`.
    public var reportedMinMicros: UInt64 {
        count == 0 ? 0 : histogram.lowestEquivalentForValue(histogram.min)
    }

    /// The largest latency, as the highest value of its bucket, in microseconds; 0 when empty.
    public var reportedMaxMicros: UInt64 {
        count == 0 ? 0 : histogram.highestEquivalentForValue(histogram.maxRecorded)
    }
}
