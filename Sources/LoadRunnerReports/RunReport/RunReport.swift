import LoadRunnerModel

/// The run report as a document: `report.md`, `report.html` (`MarkdownWriter`, `HTMLWriter`) and, with its own
/// shorter list, the console summary (`ConsoleSummary`).
///
/// Title and summary line, warnings, the shard (of a sharded run), thresholds and checks (when any), the stages (with a line per stage that
/// ends by count, the open stages' table, the flows' table and the await steps' visibility table when any), actions, monitored processes and command monitors (when any), the charts, the requests, the
/// failures, the shards of a merged result, the environment and the profile. Each section is a function of the result that returns its blocks
/// (none when it has nothing to say), in its own file; a new kind of figure adds a section here, not a renderer.
package enum RunReport {
    /// One section: the blocks it adds for a result.
    package typealias Section = (RunResult) -> [Block]

    /// The sections in reading order; `charts` are the run's charts (`RunCharts.charts(for:)`) or none.
    package static func sections(charts: [ChartFile]) -> [Section] {
        [
            SummarySection.blocks, WarningsSection.blocks, ShardSection.blocks, ThresholdsSection.blocks, ChecksSection.blocks,
            StagesSection.blocks, CountedStagesSection.blocks, OpenStagesSection.blocks, FlowsSection.blocks, VisibilitySection.blocks,
            ActionsSection.blocks,
            MonitorsSection.blocks, CommandMonitorsSection.blocks, { ChartsSection.blocks(charts, note: RunCharts.note(for: $0)) },
            RequestsSection.blocks, FailuresSection.blocks, ShardsSection.blocks, EnvironmentSection.blocks, ProfileSection.blocks,
        ]
    }

    /// The whole report of `result`.
    package static func document(_ result: RunResult, charts: [ChartFile]) -> ReportDocument {
        ReportDocument(
            title: SummarySection.title(result), blocks: sections(charts: charts).flatMap { $0(result) })
    }
}
