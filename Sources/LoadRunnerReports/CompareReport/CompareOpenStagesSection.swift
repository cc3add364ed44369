import LoadRunnerAnalysis
import LoadRunnerModel

/// The **Open stages** of a comparison: for each stage open in either run, its open-model figures side by side
/// (target rate, achieved rps, missed arrivals, latency p95 beside service p95, lag p99), read from the aggregate
/// row's comparisons with their change, interval and verdict. Nothing when no compared stage is open.
enum CompareOpenStagesSection {
    /// The figures after the target rate, in order: a title and the aggregate row's measure.
    static let figures: [(title: String, measure: MetricMeasure)] = [
        (CompareMessages.achievedFigure, .achievedRPS), (CompareMessages.missedFigure, .missed),
        (CompareMessages.latencyFigure, .percentile(95)), (CompareMessages.serviceFigure, .servicePercentile(95)),
        (CompareMessages.lagFigure, .lagP99),
    ]

    static func blocks(_ result: CompareResult) -> [Block] {
        let stages = result.stages.filter(\.isOpen)
        guard !stages.isEmpty else { return [] }
        return [
            .heading(2, CompareMessages.openStagesHeading), .paragraph(CompareMessages.openStagesNote),
            .table(table(stages)),
        ]
    }

    static func table(_ stages: [StageComparison]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Figure"), .init("Baseline", .right), .init("Candidate", .right),
            .init("Change", .right), .init("Change % [CI]", .right), .init("Verdict"),
        ])
        for stage in stages {
            let number = String(stage.number)
            table.append([
                number, CompareMessages.targetRateFigure,
                CompareMessages.stageLoad(stage.baselineRate, users: stage.baselineUsers),
                CompareMessages.stageLoad(stage.candidateRate, users: stage.candidateUsers),
                CompareMessages.targetChange(same: stage.baselineRate == stage.candidateRate), "", "",
            ])
            let aggregate = stage.metrics.filter(\.isAggregated)
            for figure in figures {
                guard let comparison = aggregate.first(where: { $0.metric.measure == figure.measure }) else { continue }
                let metric = comparison.metric
                table.append(cells: [
                    [.text(number)], [.text(figure.title)],
                    [.text(CompareFormat.value(comparison.baseline, metric))],
                    [.text(CompareFormat.value(comparison.candidate, metric))],
                    [.text(CompareFormat.change(comparison.change, metric))],
                    [.text(CompareFormat.changeWithInterval(comparison))], CompareMessages.verdictCell(comparison),
                ])
            }
        }
        return table
    }
}
