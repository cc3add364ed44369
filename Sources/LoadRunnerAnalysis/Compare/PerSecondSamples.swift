import LoadRunnerModel

/// The per-second values of one metric in one stage window: the observations the confidence intervals are
/// bootstrapped from. Pure.
enum PerSecondSamples {
    /// The seconds inside stage `number`'s statistics window, in time order.
    static func window(_ series: [SecondSample], stage number: Int) -> [SecondSample] {
        series.filter { $0.inWindow && $0.stage == number }
    }

    /// One value per usable second for the request `name`/`method`, or for the aggregate when `name` is nil.
    ///
    /// Latencies (microseconds) and the error rate (0...1) skip seconds with no request, where they are undefined;
    /// `rps` keeps them, as 0: a second in which nothing completed is a real, bad observation. `service.*` and
    /// `lag.*` read the second's histograms of open rows; `missed` and `achieved_rps` have no per-second values (a
    /// second keeps no failure categories), so they are compared by their point values and budgets alone.
    static func values(_ window: [SecondSample], name: String?, method: String?, metric: MetricID) -> [Double] {
        window.compactMap { second -> Double? in
            let stats: IntervalStats?
            if let name {
                stats = second.requests.first { $0.name == name && $0.method == method }
            } else {
                stats = second.aggregated
            }
            if metric.measure.isOtherHistogram {
                let rows = name == nil ? second.requests : stats.map { [$0] } ?? []
                return histogramValue(rows, measure: metric.measure)
            }
            guard let stats else { return [.rps, .receivedBytesPerSecond].contains(metric.measure) ? 0 : nil }
            return value(stats, measure: metric.measure)
        }
    }

    /// One second's `service.*` or `lag.*` over `rows` merged (the aggregate row keeps neither histogram, so it is
    /// the merge of the request rows); nil when none of them has one.
    private static func histogramValue(_ rows: [IntervalStats], measure: MetricMeasure) -> Double? {
        let isService: Bool = switch measure {
        case .servicePercentile, .serviceMax: true
        default: false
        }
        var merged: LatencyHistogram?
        for buckets in rows.compactMap({ isService ? $0.service : $0.lag }) {
            if merged == nil { merged = LatencyHistogram() }
            merged?.add(buckets.histogram)
        }
        guard let merged, merged.count > 0 else { return nil }
        switch measure {
        case .servicePercentile(let percentile): return Double(merged.micros(atPercentile: percentile))
        case .lagP99: return Double(merged.micros(atPercentile: 99))
        default: return Double(merged.maxMicros)
        }
    }

    /// One second's value of a compared request measure (`MetricID.comparedRequestMeasures`); nil for others.
    private static func value(_ stats: IntervalStats, measure: MetricMeasure) -> Double? {
        if measure == .rps { return Double(stats.requests) }
        if measure == .receivedBytesPerSecond { return Double(stats.bodyBytes) }
        guard stats.requests > 0 else { return nil }
        switch measure {
        case .percentile(let percentile): return stats.micros(atPercentile: percentile).map { Double($0) }
        case .max: return Double(stats.micros(atPercentile: 100) ?? stats.maxMicros)
        case .errorRate: return Double(stats.failures) / Double(stats.requests)
        default: return nil
        }
    }
}
