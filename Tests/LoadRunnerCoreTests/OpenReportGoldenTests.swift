import Foundation
import LoadRunnerReports
import Testing

/// Every human-readable output of a run with open stages (`OpenReportFixtures`) against its golden file: the
/// stages tables with the target rate, the Open stages section, the warning of the stage that fell behind, the
/// open columns of stages.csv and the two open-model charts. Re-record with
/// `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter OpenReportGoldenTests`.
@Suite struct OpenReportGoldenTests {
    let result = OpenReportFixtures.result()

    @Test func markdownReport() {
        assertMatchesGolden(MarkdownReport.render(result), file: "open-report.md")
    }

    @Test func htmlReport() {
        assertMatchesGolden(HTMLGoldenTests.page(result), file: "open-report.html")
        // With the real charts inline: well-formed, and both open-model charts in it.
        let page = HTMLReport.render(result, charts: RunCharts.charts(for: result))
        #expect(ChartText.isWellFormedXML(page))
        #expect(page.contains("Offered and achieved rate per second (open stages)"))
        #expect(page.contains("Latency and service time per second: p95"))
    }

    @Test func consoleSummary() {
        assertMatchesGolden(ConsoleSummary.render(result), file: "open-console_summary.txt")
    }

    @Test func stagesCSV() {
        assertMatchesGolden(StagesCSV.render(result), file: "open-stages.csv")
    }

    @Test func openCharts() {
        for chart in RunCharts.charts(for: result) where RunCharts.openFileNames.contains(chart.fileName) {
            assertMatchesGolden(chart.svg, file: "open-" + chart.fileName)
        }
    }
}
