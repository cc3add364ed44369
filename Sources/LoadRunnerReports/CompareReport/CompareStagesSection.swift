import LoadRunnerAnalysis

/// The full **Stages** tables: a note, then per stage a heading and a row per request name and metric (the name
/// on its first row only), then the footnote when a window was too short to judge.
enum CompareStagesSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        var blocks: [Block] = [
            .heading(2, CompareMessages.stagesHeading), .paragraph(CompareMessages.tableNote(result.method)),
        ]
        for stage in result.stages {
            blocks += [.heading(3, CompareMessages.stageHeading(stage)), .table(table(stage))]
        }
        if result.metrics.contains(where: { $0.verdict == .tooShort }) {
            blocks.append(.paragraph(CompareMessages.tooShortFootnote(
                minimumSeconds: result.method.minimumSeconds,
                minimumBlocks: result.method.minimumBlocks ?? BlockBootstrap.minimumBlocks)))
        }
        return blocks
    }

    static func table(_ stage: StageComparison) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Name"), .init("Metric"), .init("Baseline", .right), .init("Candidate", .right),
            .init("Change", .right), .init("Change % [CI]", .right), .init("Budget"), .init("Verdict"),
        ])
        for row in stage.rows {
            for (index, comparison) in row.metrics.enumerated() {
                table.append(cells: [[.text(index == 0 ? row.name : "")]]
                    + CompareChangesSection.metricCells(comparison, withVerdict: true))
            }
        }
        return table
    }
}
