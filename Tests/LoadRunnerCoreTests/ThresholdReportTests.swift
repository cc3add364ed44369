import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
@testable import LoadRunnerReports
import Testing

/// Thresholds in `report.md`, the console summary, `result.json` and JUnit XML.
@Suite("Threshold reports")
struct ThresholdReportTests {
    static func result() -> RunResult {
        var result = ReportFixtures.result()
        result.evaluateThresholds([
            try! ThresholdParser.parse("p95 < 20ms").get(),
            try! ThresholdParser.parse("stage 2: error_rate < 1%", abortOnFail: true).get(),
            try! ThresholdParser.parse("stage 3: requests > 0").get(),
        ])
        return result
    }

    @Test func markdownSectionFollowsTheWarnings() {
        let report = MarkdownReport.render(Self.result())
        let section = """

            ## Thresholds

            Judged on each stage window (warm-up excluded): 1 passed, **2 failed**, 1 without data.

            | Threshold                  | Scope   |  Observed | Result                     |
            | -------------------------- | ------- | --------: | -------------------------- |
            | `p95 < 20ms`               | stage 1 |  9.807 ms | passed                     |
            | `p95 < 20ms`               | stage 2 | 30.111 ms | **FAILED**                 |
            | `stage 2: error_rate < 1%` | stage 2 |    18.75% | **FAILED** (abort_on_fail) |
            | `stage 3: requests > 0`    | stage 3 |   no data | no data                    |

            ## Stages
            """
        #expect(report.contains(section))
        let warnings = try! #require(report.range(of: "## Warnings"))
        let thresholds = try! #require(report.range(of: "## Thresholds"))
        #expect(warnings.lowerBound < thresholds.lowerBound)
    }

    @Test func reportWithoutThresholdsIsUnchanged() {
        var result = ReportFixtures.result()
        result.thresholds = []
        #expect(MarkdownReport.render(result) == MarkdownReport.render(ReportFixtures.result()))
        #expect(ConsoleSummary.render(result) == ConsoleSummary.render(ReportFixtures.result()))
        #expect(!MarkdownReport.render(ReportFixtures.result()).contains("Thresholds"))
    }

    @Test func consoleEndsWithCountsAndFailures() {
        let lines = ConsoleSummary.render(Self.result()).split(separator: "\n").suffix(3)
        #expect(lines == [
            "thresholds: 1 passed, 2 failed, 1 without data",
            "threshold failed: stage 2: p95 = 30.111 ms, not < 20 ms",
            "threshold failed: stage 2: error_rate = 18.75%, not < 1% (abort_on_fail)",
        ])
    }

    @Test func resultJSONKeepsOutcomesAndReadsOlderFiles() throws {
        let result = Self.result()
        let json = try ResultJSON.string(result)
        #expect(json.contains(#""status" : "no_data""#))
        #expect(json.contains(#""summary" : "stage 2: p95 = 30.111 ms, not < 20 ms""#))
        #expect(try ResultJSON.decode(Data(json.utf8)) == result)

        let older = try ResultJSON.string(ReportFixtures.result())
        #expect(!older.contains("thresholds"))
        let decoded = try ResultJSON.decode(Data(older.utf8))
        #expect(decoded.thresholds == nil)
        #expect(decoded == ReportFixtures.result())
    }

    @Test func junitHasOneCasePerOutcome() throws {
        let outcomes = try #require(Self.result().thresholds)
        let report = ThresholdJUnit.report(runName: "checkout smoke", outcomes: outcomes)
        #expect(report.name == "checkout smoke")
        #expect(report.suites.map(\.name) == ["thresholds"])
        let cases = report.suites[0].cases
        #expect(cases.map(\.className) == ["stage 1", "stage 2", "stage 2", "stage 3"])
        #expect(cases.map(\.name) == ["p95 < 20ms", "p95 < 20ms", "stage 2: error_rate < 1%", "stage 3: requests > 0"])
        #expect(cases.map { $0.failure != nil } == [false, true, true, false])
        #expect(report.failureCount == 2)
        #expect(cases[1].failure == JUnitReport.Failure(
            message: "stage 2: p95 = 30.111 ms, not < 20 ms",
            details: "threshold: p95 < 20ms\nscope: stage 2, all requests\nobserved: 30.111 ms\nlimit: < 20 ms"))
        let xml = report.render()
        #expect(xml.contains(#"<testcase classname="stage 2" name="stage 2: error_rate &lt; 1%" time="0.000">"#))
    }
}
