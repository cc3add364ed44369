import LoadRunnerAnalysis
import LoadRunnerModel

/// **Regressions** and **Improvements**: the budgeted metrics that changed beyond their budget, one row each
/// with its stage and request name; a sentence when none did.
enum CompareChangesSection {
    static func regressions(_ result: CompareResult) -> [Block] {
        blocks(CompareMessages.regressionsHeading, result.regressions, empty: CompareMessages.noRegressions)
    }

    static func improvements(_ result: CompareResult) -> [Block] {
        blocks(CompareMessages.improvementsHeading, result.improvements, empty: CompareMessages.noImprovements)
    }

    static func blocks(_ heading: String, _ comparisons: [MetricComparison], empty: String) -> [Block] {
        [.heading(2, heading), comparisons.isEmpty ? .paragraph(empty) : .table(table(comparisons))]
    }

    /// One row per metric, with its stage and request name.
    static func table(_ comparisons: [MetricComparison]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Name"), .init("Metric"), .init("Baseline", .right),
            .init("Candidate", .right), .init("Change", .right), .init("Change % [CI]", .right), .init("Budget"),
        ])
        for comparison in comparisons {
            table.append(cells: [[.text(String(comparison.stage))], [.text(comparison.name)]]
                + metricCells(comparison, withVerdict: false))
        }
        return table
    }

    /// Metric, baseline, candidate, change, change % with its interval, budget and (when asked) the verdict.
    static func metricCells(_ comparison: MetricComparison, withVerdict: Bool) -> [[Inline]] {
        let metric = comparison.metric
        let cells: [[Inline]] = [
            metric.compareName,
            CompareFormat.value(comparison.baseline, metric),
            CompareFormat.value(comparison.candidate, metric),
            CompareFormat.change(comparison.change, metric),
            CompareFormat.changeWithInterval(comparison),
            CompareMessages.budgetCell(comparison.budget),
        ].map { [.text($0)] }
        return withVerdict ? cells + [CompareMessages.verdictCell(comparison)] : cells
    }
}
