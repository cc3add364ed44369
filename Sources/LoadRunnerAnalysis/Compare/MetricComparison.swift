import LoadRunnerModel

/// One metric of one stage and request name (or the stage's `Aggregated` row), in both runs, with its verdict.
///
/// `baseline` and `candidate` are exact, from the stage histograms and counts (microseconds, req/s, or a 0...1
/// share: `metric.unit`); nil when that run has no value (no request in the window). `interval` comes from the
/// per-second samples of the two windows; nil when either window has fewer than `CompareMethod.minimumSeconds`
/// usable seconds (`lowSampleCount`: the verdict then rests on the budget alone).
public struct MetricComparison: Codable, Sendable, Equatable {
    public let stage: Int
    /// The request name, or `Aggregated` for the stage total.
    public let name: String
    /// The baseline's HTTP method (`""` for the aggregate).
    public let method: String
    public let metric: CompareMetric
    public let baseline: Double?
    public let candidate: Double?
    /// `candidate - baseline` in the metric's unit; nil when either is missing.
    public let change: Double?
    /// `change / baseline` as a fraction (0.234 for +23.4%); nil when either is missing or the baseline is 0.
    public let relativeChange: Double?
    public let interval: ConfidenceInterval?
    /// Usable per-second samples in each window (seconds with no request do not count for latencies and errors).
    public let baselineSeconds: Int
    public let candidateSeconds: Int
    public let lowSampleCount: Bool
    /// The budget that applies, or nil: the verdict is then judged against a budget of 0 and never fails a comparison.
    public let budget: Budget?
    public let verdict: CompareVerdict

    public init(
        stage: Int, name: String, method: String, metric: CompareMetric, baseline: Double?, candidate: Double?,
        interval: ConfidenceInterval?, baselineSeconds: Int, candidateSeconds: Int, lowSampleCount: Bool,
        budget: Budget?, verdict: CompareVerdict
    ) {
        self.stage = stage
        self.name = name
        self.method = method
        self.metric = metric
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
    public var isRegression: Bool { verdict == .worse && budget != nil }

    /// True for a budgeted metric that got better.
    public var isImprovement: Bool { verdict == .better && budget != nil }

    /// True for the stage's `Aggregated` row.
    public var isAggregated: Bool { name == RequestStats.aggregatedName && method.isEmpty }
}
