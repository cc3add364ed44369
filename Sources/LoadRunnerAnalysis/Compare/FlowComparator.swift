import LoadRunnerModel

/// Compares the flows and visibility probes of two runs: for each stage both runs have, each `await:` read both
/// have (`MetricID.comparedVisibilityMeasures`, merged over the nodes that answered), every read together when a
/// run has several, and each flow both have (`MetricID.comparedFlowMeasures`). Pure and deterministic.
///
/// A run keeps no per-second visibility or flow data, so no row has an interval: a budget on the row's path
/// (`visibility[user/get].stale_rate > +1%`) alone decides it, as for `missed` (`MetricJudge` with
/// `lowSampleCount`); a row without a budget is report-only and never fails the comparison.
enum FlowComparator {
    /// Nil when neither run has probes or flows in a compared stage; otherwise stage by stage, reads (baseline
    /// order), the all-reads row, then flows (baseline order).
    static func compare(stages: [StageMatcher.StagePair], budgets: [Budget]) -> [MetricComparison]? {
        let rows = stages.flatMap { pair in
            visibilityRows(pair, budgets: budgets) + flowRows(pair, budgets: budgets)
        }
        return rows.isEmpty ? nil : rows
    }

    /// The name of the row of every read together.
    static let allReadsName = "all reads"

    private static func visibilityRows(_ pair: StageMatcher.StagePair, budgets: [Budget]) -> [MetricComparison] {
        let base = pair.baseline.visibility ?? [], cand = pair.candidate.visibility ?? []
        var reads: [String] = []
        for row in base where !reads.contains(row.name) && cand.contains(where: { $0.name == row.name }) {
            reads.append(row.name)
        }
        guard !reads.isEmpty else { return [] }
        var subjects: [(name: String, read: String?)] = reads.map { ($0, $0) }
        if Set(base.map(\.name)).count > 1 || Set(cand.map(\.name)).count > 1 { subjects.append((allReadsName, nil)) }
        return subjects.flatMap { subject in
            let baseline = merged(base, read: subject.read), candidate = merged(cand, read: subject.read)
            return MetricID.comparedVisibilityMeasures.map { measure in
                comparison(
                    pair, name: subject.name, metric: MetricID(.visibility(read: subject.read, node: nil), measure),
                    values: (MetricValues.visibilityValue(measure, baseline), MetricValues.visibilityValue(measure, candidate)),
                    budgets: budgets)
            }
        }
    }

    private static func flowRows(_ pair: StageMatcher.StagePair, budgets: [Budget]) -> [MetricComparison] {
        let cand = pair.candidate.flows ?? []
        return (pair.baseline.flows ?? []).flatMap { base -> [MetricComparison] in
            guard let other = cand.first(where: { $0.name == base.name }) else { return [] }
            return MetricID.comparedFlowMeasures.map { measure in
                comparison(
                    pair, name: base.name, metric: MetricID(.flow(base.name), measure),
                    values: (MetricValues.flowValue(measure, base), MetricValues.flowValue(measure, other)), budgets: budgets)
            }
        }
    }

    /// The rows of `read` (nil: every read) merged over their nodes.
    private static func merged(_ rows: [VisibilityStats], read: String?) -> VisibilityStats {
        var merged = VisibilityStats(name: read ?? allReadsName, node: nil)
        for row in rows where read == nil || row.name == read { merged.add(row) }
        return merged
    }

    /// One row without an interval, judged by its budget alone (a budget naming exactly this path), if any.
    private static func comparison(
        _ pair: StageMatcher.StagePair, name: String, metric: MetricID, values: (Double?, Double?), budgets: [Budget]
    ) -> MetricComparison {
        let budget = budgets.last { $0.metric == metric }
        return MetricComparison(
            stage: pair.baseline.number, name: name, metric: metric, baseline: values.0, candidate: values.1,
            interval: nil, baselineSeconds: Int(pair.baseline.windowSeconds), candidateSeconds: Int(pair.candidate.windowSeconds),
            lowSampleCount: true, budget: budget,
            verdict: MetricJudge.verdict(
                baseline: values.0, candidate: values.1, interval: nil, lowSampleCount: true, budget: budget,
                higherIsBetter: metric.higherIsBetter))
    }
}
