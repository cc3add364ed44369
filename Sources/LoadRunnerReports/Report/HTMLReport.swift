import LoadRunnerModel

/// `report.html`: the run report (`RunReport`) as one self-contained page (`HTMLWriter`), the charts inline.
package enum HTMLReport {
    /// The whole page; `charts` are shown in the Charts section (none: no such section).
    package static func render(_ result: RunResult, charts: [ChartFile]) -> String {
        HTMLWriter.render(RunReport.document(result, charts: charts))
    }
}
