import LoadRunnerModel
import LoadRunnerText

/// One open stage's figures as the reports show them, computed from its `OpenStageStats` and its aggregated
/// histograms (`latency` from the intended time, `service`, `lag`), and whether it fell behind its schedule.
///
/// A stage is behind when it missed arrivals, when its lag p99 passed `RequestStats.lateStartMicros` (10 ms), or
/// when it completed fewer than `achievedShareLimit` of the arrivals due in its window (the plan's own count, so
/// a ramp or Poisson arrivals are judged against what was really offered).
package struct OpenStageFigures: Sendable, Equatable {
    /// The completed share of the arrivals due below which a stage is behind (99%).
    package static let achievedShareLimit = 0.99

    package var stage: Int
    package var open: OpenStageStats
    package var windowSeconds: Double
    /// Percentiles in microseconds; nil when the window has no such sample (nothing completed, nothing sent).
    package var latencyP95Micros: UInt64?
    package var serviceP95Micros: UInt64?
    package var lagP99Micros: UInt64?
    package var lagMaxMicros: UInt64?
    /// The mean service time (libcurl's) of the window's answered requests, microseconds; nil when none was sent.
    package var serviceMeanMicros: Double?
    /// Why the generator was saturated in the stage (`ReportWarning.saturationSummary`); nil when it was not.
    package var generatorSaturation: String?
    /// True when the generator was saturated because a loop waited for a CPU (`SaturationCause.Kind.loopStarved`):
    /// the machine's other work, not the target, delayed the stage.
    package var starved: Bool

    /// The figures of `stage`; nil for a closed stage.
    package init?(_ stage: StageResult) {
        guard let open = stage.open else { return nil }
        let stats = stage.aggregated
        self.stage = stage.number
        self.open = open
        windowSeconds = stage.windowSeconds
        latencyP95Micros = stats.latency.count > 0 ? stats.latency.micros(atPercentile: 95) : nil
        serviceP95Micros = stats.service.flatMap { $0.count > 0 ? $0.micros(atPercentile: 95) : nil }
        serviceMeanMicros = stats.service.flatMap { $0.count > 0 ? $0.meanMicros : nil }
        lagP99Micros = stats.lag.flatMap { $0.count > 0 ? $0.micros(atPercentile: 99) : nil }
        lagMaxMicros = stats.lag.flatMap { $0.count > 0 ? $0.maxMicros : nil }
        generatorSaturation = ReportWarning.saturationSummary(stage.generator)
        starved = stage.generator.saturated && stage.generator.saturationCause?.kind == .loopStarved
    }

    /// The figures of every open stage of `result`, in stage order; empty for a closed-only run.
    package static func all(in result: RunResult) -> [OpenStageFigures] { result.stages.compactMap(Self.init) }

    /// Completed arrivals per second of window (0 for an empty window).
    package var achievedPerSecond: Double { windowSeconds > 0 ? Double(open.completed) / windowSeconds : 0 }

    /// Sent share of the arrivals due, 0...1; nil when none was due.
    package var sentShare: Double? { open.due > 0 ? Double(open.sent) / Double(open.due) : nil }

    /// Completed share of the arrivals due, 0...1; nil when none was due.
    package var completedShare: Double? { open.due > 0 ? Double(open.completed) / Double(open.due) : nil }

    /// The target rate: `200/s`, or `200/s → 1000/s` for a ramp (at most 2 decimals).
    package var targetText: String { Self.rateText(open) }

    /// `open`'s target rate as the stages tables show it in place of users.
    package static func rateText(_ open: OpenStageStats) -> String {
        let start = ReportNumber.trimmed(open.targetStartPerSecond) + "/s"
        guard open.targetEndPerSecond != open.targetStartPerSecond else { return start }
        return start + " → " + ReportNumber.trimmed(open.targetEndPerSecond) + "/s"
    }

    /// True when the lag p99 passed the late-start limit (`RequestStats.lateStartMicros`).
    package var lagged: Bool { (lagP99Micros ?? 0) > RequestStats.lateStartMicros }

    /// True when fewer than `achievedShareLimit` of the arrivals due completed.
    package var underAchieved: Bool { (completedShare ?? 1) < Self.achievedShareLimit }

    /// True when the stage fell behind its schedule: missed arrivals, a lag p99 past the limit, or too few completed.
    package var isBehind: Bool { open.missed > 0 || lagged || underAchieved }
}

extension OpenStageFigures {
    /// Why an open stage fell behind, as far as the run can tell; the first that applies.
    package enum Cause: Sendable, Equatable {
        /// The generator was saturated: the stage is invalid, its latencies measure the generator.
        case generatorSaturated
        /// Every connection of `max_connections` was busy, though the target's service time explains far fewer
        /// (`explainedConnections` × `poolCapShare` below the cap): the loop held connections whose answers it had
        /// not read, so the generator could not keep up; the stage is invalid.
        case generatorStarved
        /// An arrival found every connection of `max_connections` busy and the service time explains it: the target
        /// could not keep up at this rate; the result is valid.
        case poolAtCap
        /// Arrivals waited while the pool was below `max_connections`, growing at its paced rate
        /// (`ConnectionBudget`): the rate rose faster than the pool may grow.
        case poolGrowing
        /// None of these: the report says what was seen.
        case unexplained
    }

    /// A pool at its cap is the target's doing when the connections its service time explains by Little's law
    /// reach this share of the cap (1/4): a pool four times what the mean needs leaves room for bursts (Poisson
    /// arrivals, service times that vary); one that filled anyway was held by a loop that did not read its answers.
    package static let poolCapShare = 0.25

    /// The offered rate over the window: the arrivals due per second (a ramp's or Poisson arrivals' real count).
    package var offeredPerSecond: Double { windowSeconds > 0 ? Double(open.due) / windowSeconds : 0 }

    /// The connections the target's answers held on average by Little's law: offered rate × mean service time;
    /// nil when nothing was answered.
    package var explainedConnections: Double? {
        serviceMeanMicros.map { offeredPerSecond * $0 / 1_000_000 }
    }

    /// True when the target's service time explains a pool at `max_connections` (`poolCapShare`); true when no
    /// service time was measured (nothing answered: the target held every connection).
    package var targetExplainsCap: Bool {
        guard let explained = explainedConnections else { return true }
        return explained >= Double(open.maxConnections) * Self.poolCapShare
    }

    /// Why the stage fell behind (meaningful when `isBehind`).
    package var cause: Cause {
        if generatorSaturation != nil { return .generatorSaturated }
        if open.reachedMaxConnections { return targetExplainsCap ? .poolAtCap : .generatorStarved }
        return (open.waitedForPoolGrowth ?? 0) > 0 ? .poolGrowing : .unexplained
    }
}
