import LoadRunnerModel

/// `report.md`: the run report (`RunReport`) written by `MarkdownWriter`, linking the charts beside it. Renders
/// the same from a live result and from a decoded `result.json`.
package enum MarkdownReport {
    /// Writes the whole report.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        MarkdownWriter.write(RunReport.document(result, charts: RunCharts.charts(for: result)), to: &output)
    }

    /// The whole report as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }
}
