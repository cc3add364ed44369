import LoadRunnerModel

/// Judges the pairs of an `ab` run: for each stage and request measure of the `Aggregated` row, the paired
/// differences of the rounds and a `SignFlipTest` over all budgeted metrics together. Pure and deterministic.
package struct PairedComparator: Sendable {
    /// The budgets applied, at most one per metric (the last one given wins, as in `RunComparator`).
    package let budgets: [Budget]
    package let test: SignFlipTest
    /// Seeds the sign vectors when there are too many pairs to enumerate them.
    package let seed: UInt64

    package init(budgets: [Budget] = Budget.defaults, confidence: Double = 0.95, seed: UInt64 = 1) {
        var byMetric: [MetricID: Budget] = [:]
        for budget in budgets { byMetric[budget.metric] = budget }
        self.budgets = MetricID.comparedRequestMeasures.compactMap { byMetric[MetricID(.total, $0)] }
        test = SignFlipTest(confidence: confidence)
        self.seed = seed
    }

    /// The measures shown: those `compare` shows (p50, p95, p99, rps, the error rate, bytes received per second),
    /// with `max` only when a budget names it; only budgeted ones are judged.
    package var measures: [MetricMeasure] {
        MetricID.comparedRequestMeasures.filter { measure in
            measure != .max || budgets.contains { $0.metric.measure == .max }
        }
    }

    /// One metric of one stage, round by round: the values `compare(rows:firstSides:)` judges.
    package struct Row: Sendable {
        package var stage: Int
        package var metric: MetricID
        /// Pair by pair; nil where the round has no value.
        package var baseline: [Double?]
        package var candidate: [Double?]

        package init(stage: Int, metric: MetricID, baseline: [Double?], candidate: [Double?]) {
            self.stage = stage
            self.metric = metric
            self.baseline = baseline
            self.candidate = candidate
        }
    }

    /// The comparison of the candidate rounds against the baseline rounds, pair by pair; `firstSides` says
    /// which side ran first in each pair. Stages come from the first baseline round.
    package func compare(pairs: [(baseline: RunResult, candidate: RunResult)], firstSides: [CompareSide]) -> PairedComparison {
        let stages = pairs.first?.baseline.stages.map(\.number) ?? []
        let rows = stages.flatMap { stage in
            measures.map { measure in
                let metric = MetricID(.total, measure)
                return Row(
                    stage: stage, metric: metric,
                    baseline: pairs.map { MetricValues(result: $0.baseline).value(metric, in: .stage(stage)) },
                    candidate: pairs.map { MetricValues(result: $0.candidate).value(metric, in: .stage(stage)) })
            }
        }
        return compare(rows: rows, pairs: pairs.count, firstSides: firstSides)
    }

    /// The comparison of rows of `pairs` values each (stage by stage, in the order given).
    package func compare(rows: [Row], pairs: Int, firstSides: [CompareSide]) -> PairedComparison {
        let differences = rows.map { row in
            zip(row.baseline, row.candidate).compactMap { a, b in a.flatMap { a in b.map { $0 - a } } }
        }
        let budgeted = rows.indices.filter { budget(for: rows[$0].metric) != nil && differences[$0].count == pairs }
        let critical = test.criticalValue(differences: budgeted.map { differences[$0] }, seed: seed)
        let metrics = rows.enumerated().map { index, row in
            let interval = critical.flatMap { critical in
                SignFlipTest.interval(differences[index], critical: critical).map { low, high in
                    Self.interval(low: low, high: high, baseline: row.baseline, confidence: test.confidence)
                }
            }
            return PairedMetric(
                stage: row.stage, metric: row.metric, baselineValues: row.baseline, candidateValues: row.candidate,
                interval: interval, budget: budget(for: row.metric), judged: critical != nil)
        }
        return PairedComparison(
            pairs: pairs, firstSides: firstSides, confidence: test.confidence, minimumPairs: test.minimumPairs,
            criticalValue: critical, budgetedMetrics: budgeted.count, budgets: budgets, metrics: metrics)
    }

    private func budget(for metric: MetricID) -> Budget? {
        budgets.first { $0.metric.measure == metric.measure }
    }

    /// The interval, and relative to the baseline rounds' mean when that is above 0.
    private static func interval(low: Double, high: Double, baseline: [Double?], confidence: Double) -> ConfidenceInterval {
        let values = baseline.compactMap { $0 }
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        return ConfidenceInterval(
            confidence: confidence, low: low, high: high, relativeLow: mean > 0 ? low / mean : nil,
            relativeHigh: mean > 0 ? high / mean : nil)
    }
}
