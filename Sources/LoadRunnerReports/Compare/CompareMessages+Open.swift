import LoadRunnerAnalysis
import LoadRunnerText

/// The compare outputs' sentences about open stages (`rate:`): the Open stages section and a stage's load.
extension CompareMessages {
    static let openStagesHeading = "Open stages"

    static let openStagesNote = "Each stage that is open (rate:) in either run, both runs side by side: the target "
        + "rate, the achieved rate (arrivals sent per second of window), the arrivals missed (never sent: errors, not "
        + "requests), latency p95 (from each arrival's intended time) beside service p95 (libcurl's own time, from the "
        + "actual send) and lag p99 (how late arrivals went out). Values and changes of all requests together, as in "
        + "the stage tables; the bracket is the change's confidence interval where the window's seconds give one "
        + "(latency, service and lag from their per-second histograms, achieved rps from the requests made per "
        + "second; missed has none, so its budget alone decides)."

    /// The figure names of the Open stages table, by row.
    static let targetRateFigure = "Target rate"
    static let achievedFigure = "Achieved RPS (sent)"
    static let missedFigure = "Missed"
    static let latencyFigure = "Latency p95"
    static let serviceFigure = "Service p95"
    static let lagFigure = "Lag p99"

    /// The target rate row's change: whether the two runs were asked for the same rate.
    static func targetChange(same: Bool) -> String { same ? "same" : "differs (see Mismatches)" }

    /// A stage's load in one run: `200/s`, `200/s → 1000/s` for a ramp, or `50 users` for a closed stage.
    static func stageLoad(_ rate: TargetRate?, users: Int) -> String {
        guard let rate else { return "\(users) users" }
        let perSecond = { (value: Double) in ReportNumber.trimmed(value, maxDecimals: 2) + "/s" }
        guard rate.endPerSecond != rate.startPerSecond else { return perSecond(rate.startPerSecond) }
        return perSecond(rate.startPerSecond) + " → " + perSecond(rate.endPerSecond)
    }
}
