import LoadRunnerModel

/// Rebuilds Locust's running totals (`RunningTotals`) of a merged series, second by second: counts are the sum of
/// each shard's latest totals, the mean is their latency-count-weighted mean, min and max the extremes, and the
/// median comes from the merged buckets accumulated since the start.
struct RunningTotalsMerger {
    /// Per shard and row key: its latest totals and how many latency samples they cover.
    private var latest: [[String: (totals: RunningTotals, samples: UInt64)]]
    /// Per row key: every merged latency so far.
    private var cumulative: [String: LatencyHistogram] = [:]
    private static let aggregateKey = "\u{0}aggregate"

    init(shardCount: Int) { latest = Array(repeating: [:], count: shardCount) }

    /// Takes in one shard's sample of a second.
    mutating func observe(_ sample: SecondSample, shard: Int) {
        var aggregateSamples = latest[shard][Self.aggregateKey]?.samples ?? 0
        for row in sample.requests {
            let key = Self.key(row)
            let count = row.latency?.count ?? 0
            latest[shard][key] = (row.total, (latest[shard][key]?.samples ?? 0) + count)
            aggregateSamples += count
        }
        latest[shard][Self.aggregateKey] = (sample.aggregated.total, aggregateSamples)
    }

    /// `row` (a merged request row of the second) with its running totals.
    mutating func finish(_ row: IntervalStats) -> IntervalStats {
        let key = Self.key(row)
        if let latency = row.latency { cumulative[key, default: LatencyHistogram()].add(latency.histogram) }
        var row = row
        row.total = totals(key)
        return row
    }

    /// The aggregate row of the second with its running totals (its buckets are the merged rows' sum).
    mutating func finishAggregate(_ row: IntervalStats) -> IntervalStats {
        if let latency = row.latency { cumulative[Self.aggregateKey, default: LatencyHistogram()].add(latency.histogram) }
        var row = row
        row.total = totals(Self.aggregateKey)
        return row
    }

    private func totals(_ key: String) -> RunningTotals {
        let parts = latest.compactMap { $0[key] }
        let samples = parts.reduce(0) { $0 + $1.samples }
        let measured = parts.filter { $0.samples > 0 }
        let weightedMean = measured.reduce(0.0) { $0 + $1.totals.meanMicros * Double($1.samples) }
        return RunningTotals(
            requests: parts.reduce(0) { $0 + $1.totals.requests },
            failures: parts.reduce(0) { $0 + $1.totals.failures },
            bodyBytes: parts.reduce(0) { $0 + $1.totals.bodyBytes },
            medianMicros: cumulative[key]?.micros(atPercentile: 50) ?? 0,
            meanMicros: samples > 0 ? weightedMean / Double(samples) : 0,
            minMicros: measured.map(\.totals.minMicros).min() ?? 0,
            maxMicros: measured.map(\.totals.maxMicros).max() ?? 0)
    }

    private static func key(_ row: IntervalStats) -> String { "\(row.method) \(row.name)" }
}
