import LoadRunnerAnalysis

/// The comparison as a document: `compare.md` and `compare.html` (`MarkdownWriter`, `HTMLWriter`).
///
/// Title, the two runs' provenance and the verdict line, warnings (when any), **Regressions** and
/// **Improvements** (budgeted metrics only), **Charts** (only when given), **Open stages** (only when a compared
/// stage is open in either run: target, achieved rate, missed, latency against service time, lag), the full
/// per-stage tables, **Flows and visibility** (only when both runs have flows or `await:` reads), **Monitored processes** (only when both runs monitored the same processes), the mismatches,
/// and the method in one paragraph. Changes show their confidence interval, e.g. `+12.3% [+8.1%, +16.0%]`.
/// Deterministic: the same result always renders the same document. Each section is a function of the result, in
/// its own file.
package enum CompareReport {
    /// One section: the blocks it adds for a comparison.
    package typealias Section = (CompareResult) -> [Block]

    /// The sections in reading order; `charts` are the comparison's charts (`CompareCharts`) or none.
    package static func sections(charts: [ChartFile]) -> [Section] {
        [
            CompareRunsSection.blocks, CompareVerdictSection.blocks, CompareCaveatsSection.blocks,
            CompareChangesSection.regressions, CompareChangesSection.improvements,
            { _ in ChartsSection.blocks(charts) },
            CompareOpenStagesSection.blocks, CompareStagesSection.blocks, CompareFlowsSection.blocks, CompareResourcesSection.blocks,
            CompareMismatchesSection.blocks, CompareMethodSection.blocks,
        ]
    }

    /// The whole comparison.
    package static func document(_ result: CompareResult, charts: [ChartFile]) -> ReportDocument {
        ReportDocument(title: CompareMessages.title(result), blocks: sections(charts: charts).flatMap { $0(result) })
    }
}
