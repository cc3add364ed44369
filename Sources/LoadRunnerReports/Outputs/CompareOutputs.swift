import Foundation
import LoadRunnerAnalysis

/// The files of a comparison folder (each listed in `OutputFile.all`), as bytes; the CLI writes them.
///
/// - `compare.md`: what a person reads (`CompareReport` by `MarkdownWriter`), linking the charts.
/// - `report.html`: the same content as one self-contained page with the charts inline (`HTMLWriter`).
/// - `compare.csv`: one row per stage, request name and metric (`CompareCSV`).
/// - `compare.json`: everything, for machines (`CompareJSON`).
/// - the charts' SVG files (`CompareCharts`).
package enum CompareOutputs {
    package static let markdown = "compare.md"
    package static let html = "report.html"
    package static let csv = "compare.csv"
    package static let json = "compare.json"

    /// Every file in the order `write` creates them; pure.
    package static func files(of result: CompareResult, charts: [ChartFile] = []) throws -> [(name: String, data: Data)] {
        let document = CompareReport.document(result, charts: charts)
        let markdownText = MarkdownWriter.render(document)
        let page = HTMLWriter.render(document)
        return [(json, try CompareJSON.encode(result)), (csv, Data(CompareCSV.render(result).utf8))]
            + charts.map { ($0.fileName, Data($0.svg.utf8)) }
            + [(markdown, Data(markdownText.utf8)), (html, Data(page.utf8))]
    }
}
