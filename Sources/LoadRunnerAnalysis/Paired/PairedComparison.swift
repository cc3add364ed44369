import LoadRunnerModel

/// Everything an `ab` run concluded: how many pairs, how they were judged, and every stage's metrics with
/// verdicts. Written as `ab.json`; `ab.md` and the console summary are rendered from it.
package struct PairedComparison: Encodable, Sendable, Equatable {
    /// Bumped on any incompatible change of `ab.json`.
    package static let currentSchemaVersion = 1

    package let schemaVersion: Int
    /// Complete pairs (a baseline and a candidate round each).
    package let pairs: Int
    /// Which side ran first in each pair (`baseline` for A B, `candidate` for B A).
    package let firstSides: [CompareSide]
    /// The family-wise confidence level of the intervals.
    package let confidence: Double
    /// The fewest pairs that can show a change at `confidence` (`SignFlipTest.minimumPairs`).
    package let minimumPairs: Int
    /// The critical value of the largest studentized sum over the budgeted metrics; nil when not judged.
    package let criticalValue: Double?
    /// How many budgeted metrics share the family-wise level.
    package let budgetedMetrics: Int
    /// The budgets applied, one per metric at most.
    package let budgets: [Budget]
    /// Stage by stage, each in `PairedComparator.measures` order.
    package let metrics: [PairedMetric]
    /// True when there are fewer than `minimumPairs` pairs: nothing was judged.
    package let tooFewRounds: Bool
    /// True when any budgeted metric of any stage is `worse`.
    package let failed: Bool

    package init(
        pairs: Int, firstSides: [CompareSide], confidence: Double, minimumPairs: Int, criticalValue: Double?,
        budgetedMetrics: Int, budgets: [Budget], metrics: [PairedMetric]
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.pairs = pairs
        self.firstSides = firstSides
        self.confidence = confidence
        self.minimumPairs = minimumPairs
        self.criticalValue = criticalValue
        self.budgetedMetrics = budgetedMetrics
        self.budgets = budgets
        self.metrics = metrics
        tooFewRounds = pairs < minimumPairs
        failed = metrics.contains(where: \.isRegression)
    }

    /// Budgeted metrics that got worse, stage by stage.
    package var regressions: [PairedMetric] { metrics.filter(\.isRegression) }

    /// Budgeted metrics that got better, stage by stage.
    package var improvements: [PairedMetric] { metrics.filter { $0.budget != nil && $0.verdict == .better } }

    /// The stage numbers compared, ascending.
    package var stages: [Int] { Array(Set(metrics.map(\.stage))).sorted() }
}
