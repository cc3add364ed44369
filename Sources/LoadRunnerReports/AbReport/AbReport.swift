import LoadRunnerAnalysis
import LoadRunnerModel

/// An `ab` run as a document: `ab.md` (`MarkdownWriter`) and, without the rounds tables, the console summary
/// (`ConsoleWriter`). The run and verdict, then per stage a table of every metric's means, median and mean
/// difference with its interval, budget and verdict, and each round's A and B values; then the method.
package enum AbReport {
    package static let markdownFileName = "ab.md"

    /// The whole report; `rounds: false` leaves out the per-round tables (the console's shorter form).
    package static func document(_ comparison: PairedComparison, run: AbRunInfo, rounds: Bool = true) -> ReportDocument {
        var blocks: [Block] = [
            .heading(level: 1, [.text(AbMessages.title(run))]), .list(AbMessages.runLines(run, comparison)),
            .paragraph(AbMessages.verdictLine(comparison)),
        ]
        for stage in comparison.stages {
            let metrics = comparison.metrics.filter { $0.stage == stage }
            blocks += [.heading(2, AbMessages.stageHeading(stage)), .table(summary(metrics))]
            if rounds { blocks += [.heading(3, AbMessages.roundsHeading), .table(roundsTable(metrics, comparison))] }
        }
        if rounds { blocks += [.heading(2, AbMessages.methodHeading), .paragraph(AbMessages.methodParagraph(comparison))] }
        return ReportDocument(title: AbMessages.title(run), blocks: blocks)
    }

    static func summary(_ metrics: [PairedMetric]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Metric"), .init("A (mean)", .right), .init("B (mean)", .right), .init("Median B - A", .right),
            .init("Mean B - A", .right), .init("Change % [CI]", .right), .init("Budget"), .init("Verdict"),
        ])
        for metric in metrics {
            let id = metric.metric
            table.append(cells: [
                [.text(id.compareName)], [.text(CompareFormat.value(metric.meanBaseline, id))],
                [.text(CompareFormat.value(metric.meanCandidate, id))],
                [.text(CompareFormat.change(metric.medianDifference, id))], [.text(CompareFormat.change(metric.change, id))],
                [.text(changeWithInterval(metric))], [.text(CompareMessages.budgetCell(metric.budget))],
                AbMessages.verdictCell(metric),
            ])
        }
        return table
    }

    /// Per metric three rows (A, B, B - A), one column per pair.
    static func roundsTable(_ metrics: [PairedMetric], _ comparison: PairedComparison) -> ReportTable {
        let pairs = metrics.first?.baselineValues.count ?? 0
        var table = ReportTable(columns: [.init("Metric"), .init("")] + (0..<pairs).map { pair in
            .init(AbMessages.pairColumn(pair, first: pair < comparison.firstSides.count ? comparison.firstSides[pair] : nil), .right)
        })
        for metric in metrics {
            let id = metric.metric
            let differences: [Double?] = zip(metric.baselineValues, metric.candidateValues).map { a, b in
                a.flatMap { a in b.map { $0 - a } }
            }
            table.append([id.compareName, "A"] + metric.baselineValues.map { CompareFormat.value($0, id) })
            table.append(["", "B"] + metric.candidateValues.map { CompareFormat.value($0, id) })
            table.append(["", "B - A"] + differences.map { CompareFormat.change($0, id) })
        }
        return table
    }

    /// `+23.4% [+18.0%, +28.9%]`, in the metric's unit when no relative change exists.
    static func changeWithInterval(_ metric: PairedMetric) -> String {
        let point = CompareFormat.percent(metric.relativeChange)
        guard metric.change != nil, let interval = metric.interval else { return point }
        if let low = interval.relativeLow, let high = interval.relativeHigh {
            return "\(point) [\(CompareFormat.percent(low)), \(CompareFormat.percent(high))]"
        }
        return "\(point) [\(CompareFormat.change(interval.low, metric.metric)), \(CompareFormat.change(interval.high, metric.metric))]"
    }
}
