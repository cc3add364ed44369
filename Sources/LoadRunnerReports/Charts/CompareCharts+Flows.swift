import LoadRunnerAnalysis
import LoadRunnerModel

/// The compare charts of visibility probes: per `await:` read both runs have, its time to visibility p95 and its
/// stale first reads, stage by stage.
extension CompareCharts {
    /// The p95 time to visibility (milliseconds) and the stale rate (% of probes) of each read in `flows` (the
    /// `CompareResult.flows` rows; every read together too when there are several), as extra series for
    /// `charts(stages:baselineLabel:candidateLabel:extra:)`; ids `visibility-p95-<read>`, `visibility-stale-<read>`
    /// (`all-reads` for every read). `users` gives each stage's users (the baseline's) for the bar labels.
    package static func series(flows: [MetricComparison], users: [Int: Int]) -> [ComparedSeries] {
        var subjects: [MetricID.Subject] = []
        for row in flows where !subjects.contains(row.metric.subject) {
            if case .visibility = row.metric.subject { subjects.append(row.metric.subject) }
        }
        return subjects.flatMap { subject -> [ComparedSeries] in
            let read: String? = if case .visibility(let read, _) = subject { read } else { nil }
            let name = read ?? "all reads"
            func points(_ measure: MetricMeasure, scale: Double) -> [ComparedPoint] {
                flows.filter { $0.metric == MetricID(subject, measure) }.map {
                    ComparedPoint(
                        stage: $0.stage, users: users[$0.stage] ?? 0, baseline: $0.baseline.map { $0 * scale },
                        candidate: $0.candidate.map { $0 * scale })
                }
            }
            let id = read ?? "all-reads"
            return [
                ComparedSeries(
                    id: "visibility-p95-\(id)", title: "\(name): time to visibility p95 per stage",
                    axisTitle: "Time to visibility p95", unit: .milliseconds, points: points(.percentile(95), scale: 0.001)),
                ComparedSeries(
                    id: "visibility-stale-\(id)", title: "\(name): stale first reads per stage",
                    axisTitle: "Stale first reads", unit: .percent, points: points(.staleRate, scale: 100)),
            ]
        }
    }
}
