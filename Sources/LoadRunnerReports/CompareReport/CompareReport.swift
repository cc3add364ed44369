import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// `compare.md`: what a person reads to see what a change did.
///
/// Title, the two runs' provenance, the verdict line, warnings (when any), **Regressions** and
/// **Improvements** (budgeted metrics only), **Charts** (only when given), the full per-stage tables,
/// **Monitored processes** (only when both runs monitored the same processes), the mismatches, and the method in one paragraph. Changes show their confidence interval, e.g.
/// `+12.3% [+8.1%, +16.0%]`. Deterministic: the same result always renders the same text.
package enum CompareMarkdown {
    /// Writes the whole report; `charts` are images (already written beside the report) embedded as
    /// `![title](file)` under a Charts heading, in the order given.
    package static func write(
        _ result: CompareResult, charts: [(title: String, file: String)] = [], to output: inout some TextOutputStream
    ) {
        output.write("# \(TextTable.markdownCell(CompareMessages.title(result)))\n\n")
        output.write("- \(CompareMessages.runLine(.baseline, result.baseline))\n")
        output.write("- \(CompareMessages.runLine(.candidate, result.candidate))\n\n")
        output.write(CompareMessages.verdictLine(result) + "\n")

        if !result.caveats.isEmpty {
            output.write("\n## \(CompareMessages.warningsHeading)\n\n")
            for caveat in result.caveats { output.write("- \(caveat.message)\n") }
        }

        output.write("\n## \(CompareMessages.regressionsHeading)\n\n")
        writeList(result.regressions, empty: CompareMessages.noRegressions, to: &output)
        output.write("\n## \(CompareMessages.improvementsHeading)\n\n")
        writeList(result.improvements, empty: CompareMessages.noImprovements, to: &output)

        // Charts: drawn by the chart writer, which passes the files it wrote; nothing here when there are none.
        if !charts.isEmpty {
            output.write("\n## \(CompareMessages.chartsHeading)\n\n")
            output.write(charts.map { "![\($0.title)](\($0.file))\n" }.joined(separator: "\n"))
        }

        output.write("\n## \(CompareMessages.stagesHeading)\n\n")
        output.write(CompareMessages.tableNote(result.method) + "\n")
        for stage in result.stages {
            output.write("\n### \(CompareMessages.stageHeading(stage))\n\n")
            stageTable(stage).writeMarkdown(to: &output)
        }
        if result.metrics.contains(where: { $0.lowSampleCount && $0.verdict != .notComparable }) {
            output.write("\n" + CompareMessages.lowSampleFootnote(minimumSeconds: result.method.minimumSeconds) + "\n")
        }

        writeResources(result, to: &output)

        output.write("\n## \(CompareMessages.mismatchesHeading)\n\n")
        if result.mismatches.isEmpty {
            output.write(CompareMessages.noMismatches + "\n")
        } else {
            for mismatch in result.mismatches { output.write("- \(mismatch.message)\n") }
        }

        output.write("\n## \(CompareMessages.methodHeading)\n\n")
        output.write(CompareMessages.methodParagraph(result.method) + "\n")
    }

    /// The whole report as a string.
    package static func render(_ result: CompareResult, charts: [(title: String, file: String)] = []) -> String {
        var text = ""
        write(result, charts: charts, to: &text)
        return text
    }

    /// Regressions or improvements: one row per metric, with its stage and request name.
    static func changesTable(_ comparisons: [MetricComparison]) -> TextTable {
        var table = TextTable(columns: [
            .init("Stage", .right), .init("Name"), .init("Metric"), .init("Baseline", .right),
            .init("Candidate", .right), .init("Change", .right), .init("Change % [CI]", .right), .init("Budget"),
        ])
        for comparison in comparisons {
            table.append([String(comparison.stage), comparison.name] + metricCells(comparison, withVerdict: false))
        }
        return table
    }

    /// One stage: a row per request name and metric, the name shown on its first row only.
    static func stageTable(_ stage: StageComparison) -> TextTable {
        var table = TextTable(columns: [
            .init("Name"), .init("Metric"), .init("Baseline", .right), .init("Candidate", .right),
            .init("Change", .right), .init("Change % [CI]", .right), .init("Budget"), .init("Verdict"),
        ])
        for row in stage.rows {
            for (index, comparison) in row.metrics.enumerated() {
                table.append([index == 0 ? row.name : ""] + metricCells(comparison, withVerdict: true))
            }
        }
        return table
    }

    private static func metricCells(_ comparison: MetricComparison, withVerdict: Bool) -> [String] {
        let metric = comparison.metric
        let cells = [
            metric.rawValue,
            CompareFormat.value(comparison.baseline, metric),
            CompareFormat.value(comparison.candidate, metric),
            CompareFormat.change(comparison.change, metric),
            CompareFormat.changeWithInterval(comparison),
            CompareMessages.budgetCell(comparison.budget),
        ]
        return withVerdict ? cells + [CompareMessages.verdictCell(comparison)] : cells
    }

    private static func writeList(
        _ comparisons: [MetricComparison], empty: String, to output: inout some TextOutputStream
    ) {
        guard !comparisons.isEmpty else {
            output.write(empty + "\n")
            return
        }
        changesTable(comparisons).writeMarkdown(to: &output)
    }
}
