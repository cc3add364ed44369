import LoadRunnerModel

/// One metric of a comparison, stage by stage: the neutral input of `CompareCharts`, one chart each.
///
/// The p50, p95 and requests/s series come from `CompareCharts.series(stages:)`; other metrics (a monitored
/// process's CPU, memory, disk reads) are passed as they are.
package struct ComparedSeries: Sendable, Equatable {
    /// Names the chart file, `compare-<id>.svg`; letters, digits and `-` (anything else becomes `-`).
    package var id: String
    /// The chart's title (`p95 latency per stage`).
    package var title: String
    /// What the value axis measures, without unit (`Latency`); the unit adds its symbol.
    package var axisTitle: String
    package var unit: ChartUnit
    /// One point per stage, in stage order.
    package var points: [ComparedPoint]

    package init(id: String, title: String, axisTitle: String, unit: ChartUnit, points: [ComparedPoint]) {
        self.id = id
        self.title = title
        self.axisTitle = axisTitle
        self.unit = unit
        self.points = points
    }

    /// `compare-<id>.svg`, with `id` reduced to lower-case letters, digits and `-`.
    package var fileName: String {
        let safe = id.lowercased().unicodeScalars.map { scalar -> String in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? String(scalar) : "-"
        }.joined()
        return "compare-\(safe.isEmpty ? "series" : safe).svg"
    }
}

/// One stage of a `ComparedSeries`: its users and the two runs' values in the series' unit, nil where a run
/// has no value (it lacks the stage, or the stage had no request).
package struct ComparedPoint: Sendable, Equatable {
    package var stage: Int
    package var users: Int
    package var baseline: Double?
    package var candidate: Double?

    package init(stage: Int, users: Int, baseline: Double?, candidate: Double?) {
        self.stage = stage
        self.users = users
        self.baseline = baseline
        self.candidate = candidate
    }

    /// The candidate's change from the baseline as a share (`0.12` for +12%); nil without both values or when
    /// the baseline is 0.
    package var change: Double? {
        guard let baseline, let candidate, baseline != 0, baseline.isFinite, candidate.isFinite else { return nil }
        return (candidate - baseline) / abs(baseline)
    }
}

/// One stage of a comparison, as the compare engine matched it: its number and users, and each run's figures.
package struct StagePoint: Sendable, Equatable {
    package var stage: Int
    package var users: Int
    /// Nil when that run has no such stage.
    package var baseline: StageFigures?
    package var candidate: StageFigures?

    package init(stage: Int, users: Int, baseline: StageFigures?, candidate: StageFigures?) {
        self.stage = stage
        self.users = users
        self.baseline = baseline
        self.candidate = candidate
    }
}

/// A stage window's headline figures: latencies in microseconds (nil when the window had no request) and
/// completed requests per second.
package struct StageFigures: Sendable, Equatable {
    package var p50Micros: Double?
    package var p95Micros: Double?
    package var requestsPerSecond: Double

    package init(p50Micros: Double?, p95Micros: Double?, requestsPerSecond: Double) {
        self.p50Micros = p50Micros
        self.p95Micros = p95Micros
        self.requestsPerSecond = requestsPerSecond
    }

    /// The figures of `stage`'s window, as `report.md` shows them (all requests together).
    package init(_ stage: StageResult) {
        let stats = stage.aggregated
        let hasRequests = stats.requests > 0
        p50Micros = hasRequests ? Double(stats.latency.micros(atPercentile: 50)) : nil
        p95Micros = hasRequests ? Double(stats.latency.micros(atPercentile: 95)) : nil
        requestsPerSecond = stats.throughput(overSeconds: stage.windowSeconds)
    }
}
