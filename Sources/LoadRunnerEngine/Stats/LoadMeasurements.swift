import Foundation
import LoadRunnerModel

/// What a load measured, before the work after it (`at: end` actions, checks) ran: everything of the run's
/// `RunResult` but the outcomes of the profile's commands. `RunResultAssembler.assemble` makes the result.
package struct LoadMeasurements: Sendable {
    package var provenance: Provenance
    package var stages: [StageResult]
    package var series: [SecondSample]
    package var failures: [FailureRecord]
    /// True when the load stopped before the schedule's end, and neither a threshold nor `LoadRun.stopLoad` ended it.
    package var interrupted: Bool
    /// Which `abort_on_fail` threshold stopped the load, if one did.
    package var abortedBy: String?
    package var monitors: [MonitorSeries]?
    /// The profile's thresholds, judged when the result is assembled.
    var thresholdSpecs: [ThresholdSpec]
    /// When the load stopped, in run microseconds.
    package var endMicros: Int64
    /// Why the work beside the load ended it early (`LoadRun.stopLoad`), if it did.
    package var stopReason: String?
    /// The run's start in Unix microseconds (`RunResult.startUnixMicros`).
    package var startUnixMicros: Int64
    /// The profile's validated compare budgets, kept in the result as data.
    package var compareBudgets: [Budget]
    /// The seed of the run's random choices (`EngineOptions.seed`), recorded in the result.
    package var seed: UInt64
    /// Which shard of a sharded run this is, and how late it began (`RunResult.shard`); nil in one process.
    package var shard: ShardInfo? = nil

    /// The numbers checks may use (`total.failed`, `requests.NAME.ok`, any metric path, see `RunNumbers`), with
    /// the command monitors' series that ran beside the load.
    package func numbers(commandMonitors: [CommandMonitorSeries]?) -> RunNumbers {
        RunNumbers(result: RunResultAssembler.assemble(self, outcomes: RunOutcomes(commandMonitors: commandMonitors), stopped: false))
    }

    /// When the load stopped, in run seconds.
    package var endSeconds: Double { Double(endMicros) / 1_000_000 }
}

/// What ran beside the load, as the result records it: the profile's actions, checks and command monitors.
/// Each is nil when the profile has none.
package struct RunOutcomes: Sendable {
    package var actions: [ActionResult]?
    package var checks: [CheckResult]?
    package var commandMonitors: [CommandMonitorSeries]?

    package init(actions: [ActionResult]? = nil, checks: [CheckResult]? = nil, commandMonitors: [CommandMonitorSeries]? = nil) {
        self.actions = actions
        self.checks = checks
        self.commandMonitors = commandMonitors
    }
}
