import Foundation
import LoadRunnerModel

/// What a load measured, before the work after it (`at: end` actions, checks) ran: everything of the run's
/// `RunResult` but the outcomes of the profile's commands. `RunResultAssembler.assemble` makes the result.
public struct LoadMeasurements: Sendable {
    public var provenance: Provenance
    public var stages: [StageResult]
    public var series: [SecondSample]
    public var failures: [FailureRecord]
    /// True when the load stopped before the schedule's end, and neither a threshold nor `LoadRun.stopLoad` ended it.
    public var interrupted: Bool
    /// Which `abort_on_fail` threshold stopped the load, if one did.
    public var abortedBy: String?
    public var monitors: [MonitorSeries]?
    /// The profile's thresholds, judged when the result is assembled.
    var thresholdSpecs: [ThresholdSpec]
    /// When the load stopped, in run microseconds.
    public var endMicros: Int64
    /// Why the work beside the load ended it early (`LoadRun.stopLoad`), if it did.
    public var stopReason: String?
    /// The run's start in Unix microseconds (`RunResult.startUnixMicros`).
    public var startUnixMicros: Int64
    /// The profile's validated compare budgets, kept in the result as data.
    public var compareBudgets: [Budget]

    /// The numbers checks may use (`total.failed`, `requests.NAME.ok`, any metric path, see `RunNumbers`), with
    /// the command monitors' series that ran beside the load.
    public func numbers(commandMonitors: [CommandMonitorSeries]?) -> RunNumbers {
        RunNumbers(result: RunResultAssembler.assemble(self, outcomes: RunOutcomes(commandMonitors: commandMonitors), stopped: false))
    }

    /// When the load stopped, in run seconds.
    public var endSeconds: Double { Double(endMicros) / 1_000_000 }
}

/// What ran beside the load, as the result records it: the profile's actions, checks and command monitors.
/// Each is nil when the profile has none.
public struct RunOutcomes: Sendable {
    public var actions: [ActionResult]?
    public var checks: [CheckResult]?
    public var commandMonitors: [CommandMonitorSeries]?

    public init(actions: [ActionResult]? = nil, checks: [CheckResult]? = nil, commandMonitors: [CommandMonitorSeries]? = nil) {
        self.actions = actions
        self.checks = checks
        self.commandMonitors = commandMonitors
    }
}
