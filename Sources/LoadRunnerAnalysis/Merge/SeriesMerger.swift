import LoadRunnerModel

/// Adds the shards' per-second series on the common time axis: a shard that started `k` seconds after the earliest
/// one has its second N counted in merged second N + k. Buckets, counts, users and CPU add; the timer lag is the
/// worst shard's; Locust's running totals are rebuilt from the merged buckets and each shard's own totals.
enum SeriesMerger {
    /// The merged series of `series` (one per shard), each moved by its `offsetSeconds`; `zeroUnixMicros` is the
    /// merged time zero.
    static func merge(_ series: [[SecondSample]], offsetSeconds: [Int], zeroUnixMicros: Int64) -> [SecondSample] {
        let length = zip(series, offsetSeconds).map { $0.count + $1 }.max() ?? 0
        var totals = RunningTotalsMerger(shardCount: series.count)
        var merged: [SecondSample] = []
        for second in 0..<length {
            let samples = series.indices.compactMap { shard -> (shard: Int, sample: SecondSample)? in
                let local = second - offsetSeconds[shard]
                return series[shard].indices.contains(local) ? (shard, series[shard][local]) : nil
            }
            guard let first = samples.first?.sample else { continue }
            for (shard, sample) in samples { totals.observe(sample, shard: shard) }
            let rows = StageMerger.keyedSum(samples.map(\.sample.requests), key: { "\($0.method) \($0.name)" }) {
                $0 = add($0, $1)
            }.map { totals.finish($0) }
            var aggregate = rows.dropFirst().reduce(rows.first ?? first.aggregated) { add($0, $1) }
            aggregate.name = first.aggregated.name
            aggregate.method = first.aggregated.method
            aggregate = totals.finishAggregate(aggregate)
            aggregate.latency = nil
            aggregate.service = nil
            aggregate.lag = nil
            merged.append(SecondSample(
                second: second,
                unixTime: Int((Double(zeroUnixMicros) / 1_000_000 + Double(second + 1)).rounded(.down)),
                users: samples.reduce(0) { $0 + $1.sample.users },
                stage: first.stage, inWindow: first.inWindow, requests: rows, aggregated: aggregate,
                generatorCPUPercent: samples.reduce(0) { $0 + $1.sample.generatorCPUPercent },
                schedulingLagMicros: samples.map(\.sample.schedulingLagMicros).max() ?? 0))
        }
        return merged
    }

    /// The second's rows added: counts and buckets, with the percentile summary recomputed from the buckets (the
    /// running totals are set afterwards by `RunningTotalsMerger`).
    static func add(_ a: IntervalStats, _ b: IntervalStats) -> IntervalStats {
        var latency = a.latency?.histogram ?? LatencyHistogram()
        if let other = b.latency { latency.add(other.histogram) }
        var sum = IntervalStats(
            name: a.name, method: a.method, requests: a.requests + b.requests, failures: a.failures + b.failures,
            bodyBytes: a.bodyBytes + b.bodyBytes, latency: latency, total: a.total)
        sum.missed = a.missed + b.missed
        sum.service = added(a.service, b.service)
        sum.lag = added(a.lag, b.lag)
        return sum
    }

    /// The buckets of both; nil when neither has any.
    static func added(_ a: LatencyBuckets?, _ b: LatencyBuckets?) -> LatencyBuckets? {
        guard a != nil || b != nil else { return nil }
        var histogram = a?.histogram ?? LatencyHistogram()
        if let b { histogram.add(b.histogram) }
        return LatencyBuckets(histogram)
    }
}
