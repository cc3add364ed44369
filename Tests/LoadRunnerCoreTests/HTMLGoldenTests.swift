import Foundation
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import LoadRunnerText
import Testing

/// The HTML pages of a run (plain, with the profile's commands, with monitored processes) and of a comparison,
/// against their golden files. Charts are stand-ins (a small SVG naming the chart) so that these pages test the
/// page, not the chart drawing, which `ChartSVGTests` and `ChartCompareTests` cover. Re-record with
/// `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter HTMLGoldenTests`.
@Suite struct HTMLGoldenTests {
    /// `charts` with each SVG replaced by `<svg ...><title>TITLE</title></svg>`.
    static func standIns(_ charts: [ChartFile]) -> [ChartFile] {
        charts.map { chart in
            ChartFile(
                fileName: chart.fileName, title: chart.title,
                svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\(XMLText.escape(chart.title))</title></svg>\n")
        }
    }

    static func page(_ result: RunResult) -> String {
        HTMLReport.render(result, charts: standIns(RunCharts.charts(for: result)))
    }

    @Test func runReport() {
        assertMatchesGolden(Self.page(ReportFixtures.result()), file: "report.html")
    }

    @Test func runReportWithCommands() {
        assertMatchesGolden(Self.page(CommandReportFixtures.result()), file: "commands-report.html")
    }

    @Test func runReportWithMonitors() {
        assertMatchesGolden(Self.page(MonitorReportTests.result()), file: "monitors-report.html")
    }

    @Test func comparison() throws {
        let charts = Self.standIns([ChartFile(fileName: "compare-p95.svg", title: "p95 by stage", svg: "")])
        let page = try #require(try CompareOutputs.files(of: CompareOutputTests.result, charts: charts)
            .first { $0.name == CompareOutputs.html }).data
        assertMatchesGolden(String(decoding: page, as: UTF8.self), file: "compare.html")
    }

    @Test func pagesAreWellFormedAndSelfContained() throws {
        let charts = Self.standIns([ChartFile(fileName: "compare-p95.svg", title: "p95 by stage", svg: "")])
        let compare = HTMLWriter.render(CompareReport.document(CompareOutputTests.result, charts: charts))
        let pages = [Self.page(ReportFixtures.result()), Self.page(CommandReportFixtures.result()),
                     Self.page(MonitorReportTests.result()), compare]
        for page in pages {
            #expect(ChartText.isWellFormedXML(page))
            for forbidden in ["<script", "<link", "<img", " src=", "href="] { #expect(!page.lowercased().contains(forbidden)) }
        }
    }
}
