import Foundation
import LoadRunnerReports
import Testing

/// Fixed inputs for chart tests: a comparison built from the report fixture's stages, and XML checks.
enum ChartFixtures {
    /// Baseline: the report fixture's 2 stages; candidate: slower and a little less throughput; a third stage
    /// only the baseline has (the candidate was interrupted).
    static func stagePoints() -> [StagePoint] {
        let first = StageFigures(ReportFixtures.stage(1))
        let second = StageFigures(ReportFixtures.stage(2))
        return [
            StagePoint(
                stage: 1, users: 10, baseline: first,
                candidate: StageFigures(p50Micros: 1_550, p95Micros: 11_200, requestsPerSecond: 6.25)),
            StagePoint(
                stage: 2, users: 20, baseline: second,
                candidate: StageFigures(p50Micros: 4_100, p95Micros: 36_800, requestsPerSecond: 7.5)),
            StagePoint(
                stage: 3, users: 1000, baseline: StageFigures(p50Micros: 52_000, p95Micros: 180_500, requestsPerSecond: 1_250),
                candidate: nil),
        ]
    }

    /// A process metric passed as an extra series, with a label that needs escaping.
    static let cpu = ComparedSeries(
        id: "cpu", title: "Service CPU <all cores> per stage", axisTitle: "CPU", unit: .percent,
        points: [
            ComparedPoint(stage: 1, users: 10, baseline: 12.5, candidate: 14),
            ComparedPoint(stage: 2, users: 20, baseline: 31, candidate: nil),
            ComparedPoint(stage: 3, users: 1000, baseline: 188.25, candidate: 197.5),
        ])

    static func compareCharts() -> [ChartFile] {
        CompareCharts.charts(
            stages: stagePoints(), baselineLabel: "main @ 3f2a9c1", candidateLabel: "cache \"warm\" & <fast>",
            extra: [cpu])
    }
}

/// The comparison charts of a fixed comparison: golden files, both runs shown, the change per stage.
@Suite struct ChartCompareTests {
    @Test func chartsAreDeterministic() {
        #expect(ChartFixtures.compareCharts() == ChartFixtures.compareCharts())
    }

    @Test func compareChartsMatchTheirGoldenFiles() {
        let charts = ChartFixtures.compareCharts()
        #expect(charts.map(\.fileName) == CompareCharts.fileNames + ["compare-cpu.svg"])
        for chart in charts {
            #expect(ChartText.isWellFormedXML(chart.svg), "\(chart.fileName)")
            assertMatchesGolden(chart.svg, file: chart.fileName)
        }
    }

    @Test func compareChartsShowBothRunsAndTheChange() throws {
        let p95 = try #require(ChartFixtures.compareCharts().first { $0.fileName == "compare-p95.svg" })
        #expect(p95.svg.contains(">Baseline: main @ 3f2a9c1</text>"))
        #expect(p95.svg.contains(">Candidate: cache &quot;warm&quot; &amp; &lt;fast&gt;</text>"))
        #expect(p95.svg.contains(">10 users</text>") && p95.svg.contains(">stage 3</text>"))
        // Stage 1: 9.807 ms -> 11.2 ms.
        #expect(p95.svg.contains(">+14.2%</text>"))
        #expect(p95.svg.contains(">n/a</text>"), "the candidate has no stage 3")
        let rps = try #require(ChartFixtures.compareCharts().first { $0.fileName == "compare-rps.svg" })
        #expect(rps.svg.contains(">-3.8%</text>"))
    }

    @Test func comparedSeriesFileNamesAreSafe() {
        let series = ComparedSeries(id: "Disk reads/s (db)", title: "", axisTitle: "", unit: .bytesPerSecond, points: [])
        #expect(series.fileName == "compare-disk-reads-s--db-.svg")
        #expect(ComparedPoint(stage: 1, users: 1, baseline: 0, candidate: 3).change == nil)
        #expect(ComparedPoint(stage: 1, users: 1, baseline: 4, candidate: 3).change == -0.25)
    }
}
