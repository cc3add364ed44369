import Foundation
import LoadRunnerReports
import Testing

/// Every human-readable output of a run with actions, checks, command monitors and stages that end by count,
/// against its golden file. Re-record with `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter CommandReportGoldenTests`.
@Suite struct CommandReportGoldenTests {
    let result = CommandReportFixtures.result()

    @Test func markdownReport() {
        assertMatchesGolden(MarkdownReport.render(result), file: "commands-report.md")
    }

    @Test func consoleSummary() {
        assertMatchesGolden(ConsoleSummary.render(result), file: "commands-console_summary.txt")
    }

    @Test func stagesCSVGainsTheRequestLimitColumns() {
        assertMatchesGolden(StagesCSV.render(result), file: "commands-stages.csv")
    }

    @Test func checksCSV() {
        assertMatchesGolden(ChecksCSV.render(result.checks ?? []), file: "checks.csv")
    }

    @Test func actionsCSV() {
        assertMatchesGolden(ActionsCSV.render(result.actions ?? []), file: "actions.csv")
    }

    @Test func commandMonitorsCSV() {
        assertMatchesGolden(CommandMonitorsCSV.render(result.commandMonitors ?? []), file: "command_monitors.csv")
    }

    @Test func junit() {
        assertMatchesGolden(RunJUnit.report(for: result).render(), file: "commands-junit.xml")
    }

    @Test func charts() {
        for chart in RunCharts.charts(for: result) {
            assertMatchesGolden(chart.svg, file: "commands-" + chart.fileName)
        }
    }
}
