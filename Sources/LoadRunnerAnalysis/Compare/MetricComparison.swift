import LoadRunnerModel

/// One metric of one stage in both runs, with its verdict, whatever series it comes from: a request measure of one
/// request name or of the stage's `Aggregated` row (`metric.subject` `.request` or `.total`), or a monitor's
/// stage-window mean (`.monitor`, `.command`: report-only rows without a budget, lower is better).
///
/// `baseline` and `candidate` are exact, in the metric's unit (`MetricID.unit`): for requests from the stage
/// histograms and counts, for monitors the stage windows' means; nil when that run has no value (no request in the
/// window). `interval`: for a request measure, a block bootstrap of the two windows' whole seconds that recomputes the
/// point's own formula (`BlockBootstrap`), nil when either window has fewer than `CompareMethod.minimumSeconds`
/// (`lowSampleCount`, verdict `tooShort`); for a monitor, a bootstrap of the per-second values' mean, nil below 3 of
/// them (`lowSampleCount`: the verdict then rests on the change alone).
package struct MetricComparison: Sendable, Equatable {
    package let stage: Int
    /// The request name (`Aggregated` for the stage total) or the monitor's name (`monitors[].name`).
    package let name: String
    /// The baseline's HTTP method (`""` for the aggregate and for monitors).
    package let method: String
    package let metric: MetricID
    /// A command monitor's unit (`unit:`, "" when none); nil for every other series.
    package let commandUnit: String?
    package let baseline: Double?
    package let candidate: Double?
    /// `candidate - baseline` in the metric's unit; nil when either is missing.
    package let change: Double?
    /// `change / baseline` as a fraction (0.234 for +23.4%); nil when either is missing or the baseline is 0.
    package let relativeChange: Double?
    package let interval: ConfidenceInterval?
    /// The whole seconds of each window (request measures), or the per-second values a monitor has in it.
    package let baselineSeconds: Int
    package let candidateSeconds: Int
    package let lowSampleCount: Bool
    /// The budget that applies, or nil: the verdict is then judged against a budget of 0 and never fails a comparison.
    package let budget: Budget?
    package let verdict: CompareVerdict

    package init(
        stage: Int, name: String, method: String = "", metric: MetricID, commandUnit: String? = nil, baseline: Double?,
        candidate: Double?, interval: ConfidenceInterval?, baselineSeconds: Int, candidateSeconds: Int,
        lowSampleCount: Bool, budget: Budget? = nil, verdict: CompareVerdict
    ) {
        self.stage = stage
        self.name = name
        self.method = method
        self.metric = metric
        self.commandUnit = commandUnit
        self.baseline = baseline
        self.candidate = candidate
        (change, relativeChange) = ValueChange.between(baseline, candidate)
        self.interval = interval
        self.baselineSeconds = baselineSeconds
        self.candidateSeconds = candidateSeconds
        self.lowSampleCount = lowSampleCount
        self.budget = budget
        self.verdict = verdict
    }

    /// True for a budgeted metric that got worse: what fails a comparison.
    package var isRegression: Bool { verdict == .worse && budget != nil }

    /// True for a budgeted metric that got better.
    package var isImprovement: Bool { verdict == .better && budget != nil }

    /// True for the stage's `Aggregated` row.
    package var isAggregated: Bool { name == RequestStats.aggregatedName && method.isEmpty }

    /// True for a process or command monitor's row.
    package var isMonitor: Bool {
        switch metric.subject {
        case .monitor, .command: true
        case .total, .request, .generator, .visibility, .flow: false
        }
    }
}
