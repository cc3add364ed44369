import Foundation
import LoadRunnerModel
import LoadRunnerText

/// The Charts section of `report.md`, and of any other Markdown report with chart files beside it.
extension MarkdownReport {
    /// The run's charts (`RunCharts`): the section `write(_:to:)` puts after the stages table.
    static func writeRunCharts(_ result: RunResult, to output: inout some TextOutputStream) {
        writeCharts(RunCharts.charts(for: result), note: RunCharts.note(for: result), to: &output)
    }

    /// `## Charts`, `note` (when given), then one image per chart (`![title](chart-latency.svg)`), each in its
    /// own paragraph so they stack; writes nothing for no charts. File names are relative: the charts are
    /// written next to the report.
    package static func writeCharts(_ charts: [ChartFile], note: String? = nil, to output: inout some TextOutputStream) {
        guard !charts.isEmpty else { return }
        output.write("\n## Charts\n")
        if let note { output.write("\n\(note)\n") }
        for chart in charts {
            output.write("\n![\(imageText(chart.title))](\(imageTarget(chart.fileName)))\n")
        }
    }

    /// Alt text without the characters that would end it early.
    private static func imageText(_ text: String) -> String {
        TextTable.markdownCell(text).replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    /// The file name as a link target, in angle brackets when it has a space or parenthesis.
    private static func imageTarget(_ fileName: String) -> String {
        guard fileName.contains(where: { " ()<>".contains($0) }) else { return fileName }
        return "<" + fileName.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
    }
}
