import LoadRunnerModel

/// The seconds of a stage window and what each second adds to a ratio measure's window formula: the observations
/// `BlockBootstrap` resamples. Pure.
enum PerSecondSamples {
    /// The seconds wholly inside stage `stage`'s statistics window (`[windowStartSeconds, windowEndSeconds)`),
    /// in time order. A second is attributed by its requests' start times; one the window's start or end cuts is
    /// left out, so every resampled second is a whole second of the window.
    static func window(_ series: [SecondSample], stage: StageResult) -> [SecondSample] {
        series.filter {
            $0.inWindow && $0.stage == stage.number && Double($0.second) >= stage.windowStartSeconds
                && Double($0.second + 1) <= stage.windowEndSeconds
        }
    }

    /// One second's numerator and denominator of a ratio measure's window formula, so that the window's value is
    /// `sum(numerators) / sum(denominators)` over any set of seconds: `rps` is requests over seconds, `error_rate`
    /// failures over requests, `received_bytes_per_s` body bytes over seconds. A second with no row (no request) adds
    /// `(0, 1)` to the per-second rates and nothing to the others;
    /// nil for a latency measure. `rps` and `achieved_rps` count the second's requests made: its `requests` less its
    /// open stage's missed arrivals (never requests), as their window values do; a second keeps no refusals, so
    /// `RunComparator.hasNoSeconds` leaves `achieved_rps` to its budget for a row that had any.
    static func sums(_ stats: IntervalStats?, measure: MetricMeasure) -> (Double, Double)? {
        switch measure {
        case .rps, .achievedRPS: (Double((stats?.requests ?? 0) - Swift.min(stats?.missed ?? 0, stats?.requests ?? 0)), 1)
        case .receivedBytesPerSecond: (Double(stats?.bodyBytes ?? 0), 1)
        case .errorRate: (Double(stats?.failures ?? 0), Double(stats?.requests ?? 0))
        default: nil
        }
    }
}
