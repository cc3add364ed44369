import LoadRunnerModel

/// One metric of one stage over the pairs of an `ab` run: each pair's baseline (A) and candidate (B) value,
/// their differences, and the verdict, with the meaning `compare` gives it (`MetricJudge`).
///
/// The point that is judged is the mean of the paired differences (`change`, as `meanCandidate - meanBaseline`),
/// the statistic the interval (`SignFlipTest`) is about; `medianDifference` is shown beside it as the
/// robust summary. Values are in the metric's unit (`MetricID.unit`).
package struct PairedMetric: Sendable, Equatable {
    package let stage: Int
    /// A request measure of the stage's `Aggregated` row (subject `.total`).
    package let metric: MetricID
    /// Pair by pair (in pair order); nil where the round has no value (no request in the stage window).
    package let baselineValues: [Double?]
    package let candidateValues: [Double?]
    /// `candidate - baseline` for each pair; empty when a value is missing in any pair.
    package let differences: [Double]
    package let medianDifference: Double?
    package let meanBaseline: Double?
    package let meanCandidate: Double?
    /// The mean difference, and that as a fraction of `meanBaseline` (nil when it is 0).
    package let change: Double?
    package let relativeChange: Double?
    /// The paired interval of the mean difference at the family-wise level; nil when not judged or unbounded.
    package let interval: ConfidenceInterval?
    package let budget: Budget?
    /// False when there are too few pairs to judge (or values are missing): the verdict is then
    /// `noSignificantChange` (or `notComparable`) whatever the numbers say.
    package let judged: Bool
    package let verdict: CompareVerdict

    package init(
        stage: Int, metric: MetricID, baselineValues: [Double?], candidateValues: [Double?], interval: ConfidenceInterval?,
        budget: Budget?, judged: Bool
    ) {
        self.stage = stage
        self.metric = metric
        self.baselineValues = baselineValues
        self.candidateValues = candidateValues
        let complete = zip(baselineValues, candidateValues).compactMap { a, b in a.flatMap { a in b.map { (a, $0) } } }
        let comparable = !complete.isEmpty && complete.count == baselineValues.count
        differences = comparable ? complete.map { $1 - $0 } : []
        medianDifference = Self.median(differences)
        meanBaseline = comparable ? complete.map(\.0).reduce(0, +) / Double(complete.count) : nil
        meanCandidate = comparable ? complete.map(\.1).reduce(0, +) / Double(complete.count) : nil
        (change, relativeChange) = ValueChange.between(meanBaseline, meanCandidate)
        self.interval = interval
        self.budget = budget
        // Judged without an interval (no finite one exists) means the interval reaches past 0: no significant change.
        self.judged = judged && comparable
        verdict = !comparable
            ? .notComparable
            : (self.judged
                ? MetricJudge.verdict(
                    baseline: meanBaseline, candidate: meanCandidate, interval: interval, lowSampleCount: false,
                    budget: budget, higherIsBetter: metric.higherIsBetter)
                : .noSignificantChange)
    }

    /// A budgeted metric that got worse beyond its budget, credibly: what makes `ab` fail.
    package var isRegression: Bool { budget != nil && verdict == .worse }

    /// The middle value (the mean of the two middle ones for an even count); nil for none.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

extension PairedMetric: Encodable {
    private enum CodingKeys: String, CodingKey {
        case stage, metric, baselineValues, candidateValues, differences, medianDifference, meanBaseline, meanCandidate
        case change, relativeChange, interval, budget, judged, verdict
    }

    /// `metric` by its compare name (`p95`), as in `compare.json`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stage, forKey: .stage)
        try container.encode(metric.compareName, forKey: .metric)
        try container.encode(baselineValues, forKey: .baselineValues)
        try container.encode(candidateValues, forKey: .candidateValues)
        try container.encode(differences, forKey: .differences)
        try container.encodeIfPresent(medianDifference, forKey: .medianDifference)
        try container.encodeIfPresent(meanBaseline, forKey: .meanBaseline)
        try container.encodeIfPresent(meanCandidate, forKey: .meanCandidate)
        try container.encodeIfPresent(change, forKey: .change)
        try container.encodeIfPresent(relativeChange, forKey: .relativeChange)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(budget, forKey: .budget)
        try container.encode(judged, forKey: .judged)
        try container.encode(verdict, forKey: .verdict)
    }
}
