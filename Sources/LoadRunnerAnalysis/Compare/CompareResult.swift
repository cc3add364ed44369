import LoadRunnerModel

/// Everything `compare` found: the two runs, how they were judged, every stage's metrics with verdicts, and
/// what did not match. Written as `compare.json`; every other compare output is rendered from it.
///
/// Extending it: measurements other than request statistics (like `resources`, the monitored processes) go in
/// new optional sections beside `stages`, judged with the same `MetricJudge`; an optional field keeps older `compare.json` files readable, and readers must
/// ignore keys they do not know. An incompatible change bumps `currentSchemaVersion`.
package struct CompareResult: Codable, Sendable, Equatable {
    /// Bumped on any incompatible change of this format.
    package static let currentSchemaVersion = 1

    package let schemaVersion: Int
    package let baseline: CompareRunInfo
    package let candidate: CompareRunInfo
    package let method: CompareMethod
    /// The budgets applied, one per metric at most.
    package let budgets: [Budget]
    /// Stages present in both runs, by number.
    package let stages: [StageComparison]
    /// Stages and request names that do not line up, in stage order.
    package let mismatches: [CompareMismatch]
    /// Reasons to distrust figures of either run (saturated generator, empty window, interruption).
    package let caveats: [CompareCaveat]
    /// The monitors both runs have (by name), per stage in `stages`: a process tree's CPU, memory and disk reads,
    /// a command monitor's mean (`MetricComparison` rows of a `.monitor` or `.command` metric), report-only rows
    /// that never fail the comparison; nil when either run monitored nothing or they share no monitor (and in
    /// files written before this section existed).
    package let resources: [MetricComparison]?
    /// The flows and `await:` reads both runs have, per stage in `stages` (`FlowComparator`): time to visibility,
    /// stale and not-visible shares per read and for every read together, and per flow its iteration time, completed
    /// iterations and skipped share; rows without an interval that fail the comparison only through a budget on
    /// their path. Nil when neither run has them (and in files written before this section existed).
    package let flows: [MetricComparison]?
    /// True when any budgeted metric of any stage (per request name or `Aggregated`, or a flow or read) is `worse`.
    package let failed: Bool

    package init(
        baseline: CompareRunInfo, candidate: CompareRunInfo, method: CompareMethod, budgets: [Budget],
        stages: [StageComparison], mismatches: [CompareMismatch], caveats: [CompareCaveat],
        resources: [MetricComparison]? = nil, flows: [MetricComparison]? = nil
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.baseline = baseline
        self.candidate = candidate
        self.method = method
        self.budgets = budgets
        self.stages = stages
        self.mismatches = mismatches
        self.caveats = caveats
        self.resources = resources
        self.flows = flows
        failed = stages.contains { $0.metrics.contains(where: \.isRegression) } || (flows ?? []).contains(where: \.isRegression)
    }

    /// Every compared metric that may carry a budget, stage by stage: the request rows, then the flow and read rows.
    package var metrics: [MetricComparison] {
        stages.flatMap { stage in stage.metrics + (flows ?? []).filter { $0.stage == stage.number } }
    }

    /// Budgeted metrics that got worse (what made the comparison fail), stage by stage.
    package var regressions: [MetricComparison] { metrics.filter(\.isRegression) }

    /// Budgeted metrics that got better, stage by stage.
    package var improvements: [MetricComparison] { metrics.filter(\.isImprovement) }
}
