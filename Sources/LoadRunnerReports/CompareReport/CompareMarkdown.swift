import LoadRunnerAnalysis

/// `compare.md`: the comparison (`CompareReport`) written by `MarkdownWriter`, linking the charts beside it.
package enum CompareMarkdown {
    /// Writes the whole report; `charts` are linked as `![title](file)` under a Charts heading, in order.
    package static func write(
        _ result: CompareResult, charts: [ChartFile] = [], to output: inout some TextOutputStream
    ) {
        MarkdownWriter.write(CompareReport.document(result, charts: charts), to: &output)
    }

    /// The whole report as a string.
    package static func render(_ result: CompareResult, charts: [ChartFile] = []) -> String {
        var text = ""
        write(result, charts: charts, to: &text)
        return text
    }
}
