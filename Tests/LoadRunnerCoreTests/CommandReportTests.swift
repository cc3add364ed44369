import Foundation
@testable import LoadRunner
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Actions, checks, command monitors and stages that end by count in the run's outputs: present when the
/// result has them, absent (the outputs unchanged) when it does not.
@Suite("Commands in the run's outputs")
struct CommandReportTests {
    let result = CommandReportFixtures.result()

    @Test func outputsListTheNewFilesOnlyWhenTheResultHasThem() throws {
        #expect(RunOutputs.fileNames(for: result) == [
            "result.json", "stages.csv", "command_monitors.csv", "checks.csv", "actions.csv", "chart-throughput.svg",
            "chart-latency.svg", "chart-users.svg", "chart-command-bytes.svg", "chart-command-rows.svg", "report.md",
            "report.html", "locust_stats.csv", "locust_failures.csv",
        ])
        #expect(Set(try RunOutputs.contents(of: result).keys) == Set(RunOutputs.fileNames(for: result)))
        #expect(RunCharts.charts(for: result).map(\.fileName) == RunCharts.fileNames(for: result))

        var empty = ReportFixtures.result()
        empty.actions = []
        empty.checks = []
        empty.commandMonitors = []
        #expect(RunOutputs.fileNames(for: empty) == RunOutputs.fileNames)
        #expect(MarkdownReport.render(empty) == MarkdownReport.render(ReportFixtures.result()))
        #expect(ConsoleSummary.render(empty) == ConsoleSummary.render(ReportFixtures.result()))
        #expect(RunCharts.charts(for: empty) == RunCharts.charts(for: ReportFixtures.result()))
    }

    @Test func writtenFolderHasEveryFileAndTheResultRoundTrips() throws {
        let directory = NSTemporaryDirectory() + "loadrunner-commands-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RunOutputs.write(result, to: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == RunOutputs.fileNames(for: result).sorted())
        let decoded = try ResultJSON.decode(try Data(contentsOf: URL(fileURLWithPath: directory + "/result.json")))
        #expect(decoded == result)
    }

    @Test func reportSectionsComeInStoryOrder() throws {
        let markdown = MarkdownReport.render(result)
        let order = ["## Warnings", "## Checks", "## Stages", "## Actions", "## Command monitors", "## Charts", "## Requests"]
        let positions = try order.map { try #require(markdown.range(of: "\n\($0)\n")).lowerBound }
        #expect(positions == positions.sorted())
        #expect(markdown.contains("\n**1 of 3 checks passed.**\n"))
        // Commands are cut to 60 characters in the table; the profile at the end has them whole.
        #expect(markdown.contains("| `psql -h replica1 -tAc 'select count(*) from items' \\| tr -d …` |"))
        #expect(markdown.contains("- Stage 1: requests: 13/13 (ended by count).\n"))
        #expect(markdown.contains("- **Stage 2: requests: 19/25: its time limit came first.**\n"))
        #expect(markdown.contains("**Required action \"start replica2\" failed: the run fails.**"))
        #expect(markdown.contains("![Command monitors: bytes](chart-command-bytes.svg)"))
        #expect(markdown.contains(RunCharts.actionsNote))
    }

    @Test func htmlHasTheSameSectionsAndRendersCodeCells() throws {
        let page = HTMLReport.render(result, charts: RunCharts.charts(for: result))
        #expect(ChartText.isWellFormedXML(page))
        let order = ["<h2>Checks</h2>", "<h2>Stages</h2>", "<h2>Actions</h2>", "<h2>Command monitors</h2>", "<h2>Charts</h2>"]
        let positions = try order.map { try #require(page.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(page.contains("<p><strong>1 of 3 checks passed.</strong></p>"))
        #expect(page.contains("<td><code>psql -h replica1 -tAc &#39;select count(*) from items&#39; | tr -d …</code></td>"))
        #expect(page.contains("<li><strong>Stage 2: requests: 19/25: its time limit came first.</strong></li>"))
        #expect(page.contains("<td><strong>exit 1</strong></td>"))
        #expect(page.contains("<li><strong>replica2 lag had no value in 5 of 8 samples</strong> (3.0-7.0 s); most often: <code>exit 2</code> (3 times)</li>"))
    }

    @Test func htmlCodeCellsAreOnlyWholeSpans() {
        // Cells hold code as runs, so nothing is parsed back from Markdown: a code run is code, text is text.
        #expect(HTMLWriter.inline([.code("a|b")]) == "<code>a|b</code>")
        #expect(HTMLWriter.inline([.code("a`b")]) == "<code>a`b</code>")
        #expect(HTMLWriter.inline([.code("a"), .text(" and "), .code("b")]) == "<code>a</code> and <code>b</code>")
        #expect(HTMLWriter.inline([.text("`plain`")]) == "`plain`")
        #expect(MarkdownWriter.inline([.code("a`b")], inTable: true) == "``a`b``")
    }

    @Test func countedStagesSayWhatEndedThem() {
        var stopped = result
        stopped.interrupted = true
        #expect(CountedStagesSection.lines(stopped).last.map { MarkdownWriter.inline($0) } == "**Stage 2: requests: 19/25: the run was stopped first.**")
        #expect(!ReportWarning.warnings(for: stopped).contains { if case .requestLimitNotReached = $0 { true } else { false } })
        #expect(ReportWarning.warnings(for: result).contains(.requestLimitNotReached(stage: 2, sent: 19, limit: 25)))

        // A required action that failed during the stage stopped the run; one at end, after the load, did not.
        var actionStopped = result
        actionStopped.actions?[0].run?.exitStatus = 1
        #expect(actionStopped.runStoppedFirst(actionStopped.stages[1]))
        #expect(ReportWarning.warnings(for: actionStopped).last?.message
            == "Required action \"stop replica2\" (after 12 requests) failed during the load (exit 1): the run fails, "
            + "and its load was stopped there; see the actions.")
        #expect(!ReportWarning.warnings(for: result).contains { if case .requiredActionFailed = $0 { true } else { false } })
        #expect(!result.runStoppedFirst(result.stages[1]))
        #expect(CountedStagesSection.lines(ReportFixtures.result()).isEmpty)
    }

    @Test func stagesCSVKeepsItsColumnsWithoutCountedStages() {
        #expect(StagesCSV.render(ReportFixtures.result()).hasPrefix(StagesCSV.header + "\n"))
        let lines = StagesCSV.render(result).split(separator: "\n")
        #expect(lines[0] == StagesCSV.header + ",request_limit,requests_sent")
        #expect(lines[1].hasSuffix(",13,13") && lines[4].hasSuffix(",25,19"))
        var mixed = result
        mixed.stages[0].requestLimit = nil
        mixed.stages[0].requestsSent = nil
        #expect(StagesCSV.render(mixed).split(separator: "\n")[1].hasSuffix("false,2816.00,,"))
    }

    @Test func consoleHasOneLinePerFailure() {
        let lines = ConsoleSummary.render(result).split(separator: "\n").map(String.init)
        #expect(lines.suffix(4) == [
            "checks: 1/3 passed",
            "check failed: rows on replica1: got 26, expected 28",
            "check failed: replica2 caught up: exit 2",
            "required action failed: start replica2 (at end): exit 1",
        ])
        var skipped = result
        skipped.actions?[4].required = true
        #expect(ConsoleSummary.render(skipped).hasSuffix(
            "required action failed: restore network (at 90s): did not run: the run ended before its moment\n"))
    }

    @Test func junitHasACasePerCheckAndRequiredAction() throws {
        let report = RunJUnit.report(for: result)
        #expect(report.suites.map(\.name) == ["thresholds", "checks", "actions"])
        #expect(report.suites[1].cases.map(\.name) == ["rows on primary", "rows on replica1", "replica2 caught up"])
        #expect(report.suites[2].cases.map(\.name) == ["stop replica2", "promote replica1", "start replica2"])
        #expect(report.failureCount == 3)
        let failure = try #require(report.suites[1].cases[1].failure)
        #expect(failure.message == "check rows on replica1 failed: got 26, expected 28")
        #expect(failure.details.contains("expected: equals {{ total.ok }} = 28"))
        #expect(ChartText.isWellFormedXML(report.render()))

        let plain = ReportFixtures.result()
        #expect(RunJUnit.report(for: plain) == ThresholdJUnit.report(runName: plain.provenance.profileName, outcomes: []))
    }

    @Test func outputTailPrefersStandardErrorOfAFailedCommand() {
        let failed = CommandReportFixtures.run(0, 1, exit: 1, stdout: "out\n", stderr: "one\n\n two \nthree\n")
        #expect(ReportText.outputTail(failed) == "two ⏎ three")
        let succeeded = CommandReportFixtures.run(0, 1, stdout: "a\nb\nc\n", stderr: "warning\n")
        #expect(ReportText.outputTail(succeeded) == "b ⏎ c")
        let quiet = CommandReportFixtures.run(0, 1, stdout: "", stderr: "only here\n")
        #expect(ReportText.outputTail(quiet) == "only here")
        let long = CommandReportFixtures.run(0, 1, stdout: String(repeating: "x", count: 200) + "END\n")
        let tail = ReportText.outputTail(long, maxCharacters: 20)
        #expect(tail.count == 20 && tail.hasPrefix("…") && tail.hasSuffix("END"))
        #expect(ReportText.outputTail(CommandReportFixtures.run(0, 1)) == "")
    }

    @Test func missingMonitorValuesNameTheMostCommonProblem() throws {
        let monitors = try #require(result.commandMonitors)
        #expect(CommandMonitorsSection.missingValuesText(monitors[0]) == nil)
        #expect(CommandMonitorsSection.missingValuesText(monitors[1]).map { MarkdownWriter.inline($0) }
            == "**replica2 lag had no value in 5 of 8 samples** (3.0-7.0 s); most often: `exit 2` (3 times)")
        let tie = [CommandMonitorSample(atSeconds: 0, value: nil, problem: "b"), CommandMonitorSample(atSeconds: 1, value: nil, problem: "a")]
        let common = try #require(CommandMonitorsSection.mostCommonProblem(tie))
        #expect(common.0 == "b" && common.1 == 1)
    }

    @Test func commandMonitorsCSVIsInTimeOrder() throws {
        let lines = CommandMonitorsCSV.render(try #require(result.commandMonitors)).split(separator: "\n")
        #expect(lines.count == 1 + 3 * 8)
        #expect(lines[1...4] == ["0.000,replica1 lag,0,", "0.000,replica2 lag,0,", "0.000,rows on replica1,0,", "1.000,replica1 lag,1200,"])
        #expect(lines.contains("5.000,replica2 lag,,\"\"\"psql:\"\" is not a number\""))
    }
}
