import Foundation
import LoadRunnerReports
import Testing

@Suite struct ReportTextTests {
    @Test func liveLine() {
        let sample = ReportFixtures.result().series[4]
        #expect(LiveLine.format(elapsedSeconds: 42, stage: 2, stageCount: 4, users: 20, sample: sample)
            == "00:42  stage 2/4  users 20  rps 9.0  p50 4.70 ms  p95 15.01 ms  errors 2")
    }

    /// An open stage has no users: the line shows its target rate instead.
    @Test func liveLineOfAnOpenStageShowsItsRate() {
        let sample = ReportFixtures.result().series[4]
        #expect(LiveLine.format(elapsedSeconds: 42, stage: 2, stageCount: 4, users: 0, rate: "200/s to 1000/s", sample: sample)
            == "00:42  stage 2/4  rate 200/s to 1000/s  rps 9.0  p50 4.70 ms  p95 15.01 ms  errors 2")
    }

    @Test func liveLineBeforeTheFirstSecondAndAfterAnHour() {
        #expect(LiveLine.format(elapsedSeconds: 3723, stage: 1, stageCount: 1, users: 0, sample: nil)
            == "1:02:03  stage 1/1  users 0  rps -  p50 -  p95 -  errors -")
        let idle = ReportFixtures.result().series[0]
        #expect(LiveLine.format(elapsedSeconds: 1, stage: 1, stageCount: 2, users: 5, sample: idle)
            == "00:01  stage 1/2  users 5  rps 0.0  p50 -  p95 -  errors 0")
    }

    @Test func warnings() {
        let warnings = ReportWarning.warnings(for: ReportFixtures.result())
        #expect(warnings == [
            .generatorSaturated(stage: 2, cpuPercent: 96.5, allowedCores: 1, lagP99Micros: 62_000),
            .highErrorRate(stage: 2, errorRate: 0.1875),
            .interrupted(lastStage: 2),
        ])
        #expect(warnings[0].message.contains("its latencies measure the generator, not the target"))
    }

    @Test func aCleanRunHasNoWarningsSection() {
        var result = ReportFixtures.result(interrupted: false)
        result.stages = [result.stages[0]]
        result.failures = []
        let report = MarkdownReport.render(result)
        #expect(!report.contains("## Warnings"))
        #expect(report.contains("· completed\n"))
        #expect(report.contains("No failures.\n"))
        #expect(!ConsoleSummary.render(result).contains("warning:"))
    }

    @Test func emptyWindowIsFlagged() {
        var result = ReportFixtures.result(interrupted: false)
        result.stages[1].windowStartSeconds = result.stages[1].endSeconds
        #expect(ReportWarning.warnings(for: result).contains(.emptyWindow(stage: 2)))
        #expect(ConsoleSummary.flags(result.stages[1], interrupted: false) == ["SATURATED", "ERRORS>1%", "NO-WINDOW"])
    }

    @Test func profileWithBackticksGetsALongerFence() {
        var result = ReportFixtures.result()
        result.provenance.profileText = "name: x\n# ```not a fence```\n"
        #expect(MarkdownReport.render(result).hasSuffix("````yaml\nname: x\n# ```not a fence```\n````\n"))
    }
}
