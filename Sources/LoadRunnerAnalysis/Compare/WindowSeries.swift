import LoadRunnerModel

/// One request row (a name, or the aggregate) over the whole seconds of one stage window: its histograms per second
/// as running counts (`BucketSeries`: latency, and in an open stage service time and lag) and running sums of the
/// ratio measures' numerators and denominators, so that any run of consecutive seconds is merged in time independent
/// of its length: what `BlockBootstrap` resamples. Built once per row and run and shared by its measures. Pure.
struct WindowSeries: Sendable {
    /// The whole seconds of the window, in time order.
    let seconds: Int
    /// The latency histograms (the aggregate's: every request row's).
    let latency: BucketSeries
    /// False when a second with requests kept no latency buckets (a schema 1 `result.json`): latencies then have
    /// no interval.
    let hasHistograms: Bool
    /// The service time and lag histograms of an open stage's seconds; nil when the window kept none (a closed
    /// stage, whose rows keep no such seconds, or a file written before they were kept per second), or when a second
    /// lacks them where it has samples: `service.*` and `lag.*` then have no interval.
    let service: BucketSeries?
    let lag: BucketSeries?
    /// True when a second of the row kept missed arrivals (`IntervalStats.missed`); false for a row that missed
    /// none, and for a file written before seconds kept them.
    let keptMissed: Bool
    /// Running sums of each second's numerator and denominator, per ratio measure (`PerSecondSamples.sums`).
    private let ratioSums: [MetricMeasure: (numerator: [Double], denominator: [Double])]

    /// The row `name`/`method` of `window` (the aggregate, the sum of every request row, when `name` is nil).
    init(_ window: [SecondSample], name: String?, method: String?) {
        seconds = window.count
        // A name's row, or every request row for the aggregate (whose own row keeps no buckets).
        let latencyRows: [[IntervalStats]] = window.map { second in
            guard let name else { return second.requests }
            return second.requests.first { $0.name == name && $0.method == method }.map { [$0] } ?? []
        }
        let rows: [IntervalStats?] = zip(window, latencyRows).map { second, rows in name == nil ? second.aggregated : rows.first }
        hasHistograms = latencyRows.joined().allSatisfy { $0.requests == 0 || $0.latency != nil }
        latency = BucketSeries(latencyRows.map { rows in rows.flatMap { $0.latency?.buckets ?? [] } })
        let joined = latencyRows.joined()
        // Every answered arrival has a service time, and every sent one a lag: a second whose row has samples of
        // one but no buckets of the other kept none (a file written before they were kept per second).
        let keptService = joined.contains { $0.service != nil }
            && joined.allSatisfy { ($0.latency?.count ?? 0) == 0 || $0.service != nil }
        let keptLag = joined.contains { $0.lag != nil } && joined.allSatisfy { $0.service == nil || $0.lag != nil }
        service = keptService ? BucketSeries(latencyRows.map { rows in rows.flatMap { $0.service?.buckets ?? [] } }) : nil
        lag = keptLag ? BucketSeries(latencyRows.map { rows in rows.flatMap { $0.lag?.buckets ?? [] } }) : nil
        var sums: [MetricMeasure: (numerator: [Double], denominator: [Double])] = [:]
        keptMissed = rows.contains { ($0?.missed ?? 0) > 0 }
        for measure in MetricID.comparedRequestMeasures + [.achievedRPS] where !measure.isLatency {
            var numerator = [0.0], denominator = [0.0]
            for row in rows {
                let (top, bottom) = PerSecondSamples.sums(row, measure: measure) ?? (0, 0)
                numerator.append(numerator.last! + top)
                denominator.append(denominator.last! + bottom)
            }
            sums[measure] = (numerator, denominator)
        }
        ratioSums = sums
    }

    /// The running sums of `measure`'s numerator and denominator; nil for a latency measure.
    func sums(_ measure: MetricMeasure) -> (numerator: [Double], denominator: [Double])? { ratioSums[measure] }

    /// The histogram series a percentile or maximum of `measure` reads: latency for `p50`, `max`..., service time
    /// for `service.*`, lag for `lag.*`; nil when the window kept none of it (or kept latencies without buckets).
    func buckets(for measure: MetricMeasure) -> BucketSeries? {
        switch measure {
        case .servicePercentile, .serviceMax: service
        case .lagP99, .lagMax: lag
        default: hasHistograms ? latency : nil
        }
    }
}
