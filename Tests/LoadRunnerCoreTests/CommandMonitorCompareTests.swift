import Testing
@testable import LoadRunnerModel
import LoadRunnerText
import LoadRunnerProfile
import LoadRunnerAnalysis
import LoadRunnerReports

/// Command monitors are compared like process monitors, through the metric model (`command[NAME].mean`).
@Suite("Command monitors in compare")
struct CommandMonitorCompareTests {
    /// `CommandReportFixtures`' run with every command monitor value multiplied by `scale`.
    static func result(scale: Double = 1) -> RunResult {
        var result = CommandReportFixtures.result()
        for index in result.commandMonitors!.indices {
            for sample in result.commandMonitors![index].samples.indices {
                result.commandMonitors![index].samples[sample].value? *= scale
            }
        }
        return result
    }

    @Test func compareReportsEachSharedCommandMonitorPerStage() throws {
        let comparison = RunComparator().compare(
            baseline: Self.result(), candidate: Self.result(scale: 2), baselineLabel: "a", candidateLabel: "b")
        let resources = try #require(comparison.resources)
        #expect(resources.map { "\($0.stage) \($0.name) \($0.metric.compareName) \($0.commandUnit ?? "-")" } == [
            "1 replica1 lag mean bytes", "1 replica2 lag mean bytes", "1 rows on replica1 mean rows",
            "2 replica1 lag mean bytes", "2 replica2 lag mean bytes", "2 rows on replica1 mean rows",
        ])
        #expect(resources[0].baseline == 3_000 && resources[0].candidate == 6_000)
        #expect(resources[0].verdict == .worse && resources[0].lowSampleCount)
        #expect(resources[4].baseline == nil && resources[4].verdict == .notComparable)
        #expect(!comparison.failed)

        let markdown = CompareMarkdown.render(comparison)
        #expect(markdown.contains("|     1 | replica1 lag     | mean (bytes) |   3000.0 |    6000.0 | +3000.0 | +100.0% (no CI: 2 s) | worse "))
        #expect(CompareCSV.render(comparison).contains("1,10,replica1 lag,mean,bytes,3000.0,6000.0,3000.0,100.00,,,,worse\n"))
        #expect(try CompareJSON.decode(try CompareJSON.encode(comparison)).resources == resources)
        let charts = CompareCharts.series(resources: resources, users: [1: 10, 2: 20])
        #expect(charts.map(\.id) == ["command-replica1 lag", "command-replica2 lag", "command-rows on replica1"])
        #expect(charts[0].points == [
            ComparedPoint(stage: 1, users: 10, baseline: 3_000, candidate: 6_000),
            ComparedPoint(stage: 2, users: 20, baseline: 0, candidate: 0),
        ])
    }

    @Test func aCommandMonitorOnlyOneRunHasIsNotCompared() {
        var other = Self.result()
        other.commandMonitors = nil
        #expect(RunComparator().compare(baseline: Self.result(), candidate: other, baselineLabel: "a", candidateLabel: "b")
            .resources == nil)
    }
}
