import Foundation
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// The reports of open stages on `OpenReportFixtures`, every figure worked out by hand from its lists.
///
/// HdrHistogram (3 significant digits) prints a sample as the top of its bucket: exact below 2,048 µs; buckets of
/// 2 µs up to 4,095, of 128 µs from 131,072, 256 µs from 262,144 and 512 µs from 524,288. So 2,900 µs prints as
/// 2,901; 150,000 as 150,015 (149,888 + 127); 600,000 as 600,063 (599,552 + 511). A percentile is the sample of
/// rank ceil(p% x n).
@Suite struct OpenReportTests {
    let result = OpenReportFixtures.result()

    @Test func theFiguresOfEachOpenStage() throws {
        let figures = OpenStageFigures.all(in: result)
        #expect(figures.map(\.stage) == [1, 2])
        let kept = figures[0]
        // Stage 1: 4 arrivals in a 1 s window, all sent 100 µs late; latencies 2,100-2,900 µs, service 2,000-2,800.
        #expect(kept.targetText == "4/s")
        #expect(kept.achievedPerSecond == 4 && kept.sentShare == 1 && kept.completedShare == 1)
        #expect(kept.lagP99Micros == 100 && kept.lagMaxMicros == 100)
        #expect(kept.latencyP95Micros == 2_901 && kept.serviceP95Micros == 2_801)
        #expect(!kept.isBehind)
        let behind = figures[1]
        // Stage 2: 7 due, 5 sent (lags 1, 150, 300, 450, 600 ms), 4 completed (latencies 151, 300, 450, 600 ms,
        // service 150 ms each), 2 missed.
        #expect(behind.targetText == "4/s → 8/s")
        #expect(behind.achievedPerSecond == 4)
        #expect(behind.sentShare == 5.0 / 7 && behind.completedShare == 4.0 / 7)
        #expect(behind.lagP99Micros == 600_063 && behind.lagMaxMicros == 600_063)
        #expect(behind.latencyP95Micros == 600_063 && behind.serviceP95Micros == 150_015)
        #expect(behind.isBehind && behind.lagged && behind.underAchieved && behind.cause == .poolAtCap)
    }

    @Test func theOverloadedStageWarnsThatTheTargetCouldNotKeepUp() throws {
        let warnings = ReportWarning.warnings(for: result)
        let figures = try #require(OpenStageFigures(result.stages[1]))
        // 3 of stage 2's 7 requests failed (1 incomplete, 2 missed): 42.86%.
        #expect(warnings == [.highErrorRate(stage: 2, errorRate: 3.0 / 7), .openStageBehind(figures)])
        #expect(warnings[1].message == "Stage 2 fell behind its 4/s → 8/s schedule: 2 of 7 arrivals missed (never "
            + "sent), lag p99 600.1 ms (above 10 ms), 57.14% of the 7 arrivals due completed (below 99%), 1 sent but "
            + "never answered. Every connection of max_connections (2) was busy and arrivals waited (peak 2 in "
            + "flight): the target is overloaded, it could not keep up at 4/s → 8/s. The result is valid and says so: "
            + "its latencies include the wait for a connection.")
    }

    @Test func aSaturatedGeneratorMakesTheStageInvalid() throws {
        var result = result
        result.stages[1].generator = GeneratorStats(
            cpuPercent: 96.5, allowedCores: 1, schedulingLagP99Micros: 800, schedulingLagMaxMicros: 900)
        let figures = try #require(OpenStageFigures(result.stages[1]))
        #expect(figures.cause == .generatorSaturated)
        let message = try #require(ReportWarning.warnings(for: result).last).message
        #expect(message.hasSuffix("1 sent but never answered. The generator was saturated (CPU 96.5% of 1 core): "
            + "the stage is invalid, its latencies measure the generator, not the target; lower the rate, run more "
            + "curl loops (--loops), or give the generator more CPUs."))
    }

    @Test func neitherCauseSaysWhatWasSeen() throws {
        var result = result
        result.stages[1].open?.reachedMaxConnections = false
        result.stages[1].open?.missed = 0
        let figures = try #require(OpenStageFigures(result.stages[1]))
        #expect(figures.cause == .unexplained)
        #expect(ReportWarning.openStageBehind(figures).message == "Stage 2 fell behind its 4/s → 8/s schedule: lag p99 "
            + "600.1 ms (above 10 ms), 57.14% of the 7 arrivals due completed (below 99%), 1 sent but never answered. "
            + "Neither was the generator saturated nor did the pool reach max_connections (peak 2 in flight of 2); see "
            + "the lag and service time per second (chart-latency-service.svg) and the failures.")
    }

    /// A stage is behind past each limit, not at it: lag p99 above 10 ms, completed below 99% of the due, any missed.
    /// (Buckets are 8 µs wide there: 9,992 µs reads as 9,999, and 10,001 as 10,007.)
    @Test(arguments: [
        (lagMicros: UInt64(9_992), completed: UInt64(99), missed: UInt64(0), behind: false),
        (lagMicros: 10_001, completed: 100, missed: 0, behind: true),
        (lagMicros: 100, completed: 98, missed: 0, behind: true),
        (lagMicros: 100, completed: 100, missed: 1, behind: true),
    ])
    func theLimitsOfFallingBehind(lagMicros: UInt64, completed: UInt64, missed: UInt64, behind: Bool) throws {
        var stats = RequestStats(name: "x", method: "GET")
        stats.recordLag(micros: lagMicros)
        var stage = result.stages[0]
        stage.aggregated = stats
        stage.open = OpenStageStats(
            targetStartPerSecond: 100, targetEndPerSecond: 100, due: 100, sent: completed, completed: completed,
            missed: missed, maxConnections: 10)
        let figures = try #require(OpenStageFigures(stage))
        #expect(figures.isBehind == behind)
    }

    @Test func theStagesTablesShowTheRateWhereAClosedStageShowsUsers() {
        let markdown = MarkdownReport.render(result)
        #expect(markdown.contains("| Stage | Users / rate |"))
        #expect(markdown.contains("|     2 |    4/s → 8/s |"))
        #expect(markdown.contains("|     3 |            2 |"))
        let console = ConsoleSummary.render(result)
        #expect(console.hasPrefix("stage  users/rate"))
    }

    /// stages.csv gains the open columns: the stage's counts on each of its rows, the row's lag p99 and service p95.
    @Test func stagesCSVGainsTheOpenColumnsOnlyWithOpenStages() {
        let lines = StagesCSV.render(result).split(separator: "\n").map(String.init)
        #expect(lines[0] == StagesCSV.header + StagesCSV.openColumns)
        // Stage 2's aggregate row: mean target (4 + 8) / 2 = 6, 7 due, 5 sent, 2 missed, lag p99 600.063 ms,
        // service p95 150.015 ms, peak 2, 1 connection opened.
        #expect(lines[4].hasSuffix(",6.00,7,5,2,600.063,150.015,2,1"))
        #expect(lines[6].hasSuffix(",,,,,,,,"))
        #expect(StagesCSV.render(ReportFixtures.result()).split(separator: "\n")[0] == Substring(StagesCSV.header))
    }

    /// Offered is what was due in each second (4, 4, 5, 7), achieved what completed (4, 4, 5, 4); the closed
    /// stage's seconds have no rate. Service p95 per second: 2,600, 2,800, 3,800 and 150,000 µs (bucket tops 2,601,
    /// 2,801, 3,801, 150,015), then the closed seconds' latency (1,700 and 2,000 µs).
    @Test func theOpenChartsFigures() {
        let isOpen = RunCharts.openSeconds(of: result)
        #expect(result.series.map(isOpen) == [true, true, true, true, false, false])
        #expect(result.series.map(\.aggregated.requests) == [4, 4, 5, 7, 2, 4])
        #expect(result.series.map(RunCharts.completed(in:)) == [4, 4, 5, 4, 2, 4])
        #expect(result.series.map { RunCharts.servicePercentile($0, 95, isOpen: isOpen($0)) }
            == [2_601, 2_801, 3_801, 150_015, 1_700, 2_000])
        #expect(result.series.map { $0.aggregated.micros(atPercentile: 95) } == [2_801, 2_901, 3_901, 600_063, 1_700, 2_000])
    }

    @Test func theOpenChartsAreOnlyForRunsWithOpenStages() throws {
        let names = RunCharts.charts(for: result).map(\.fileName)
        #expect(names == RunCharts.fileNames + RunCharts.openFileNames)
        #expect(RunCharts.fileNames(for: result) == names)
        #expect(RunCharts.fileNames(for: ReportFixtures.result()) == RunCharts.fileNames)
        #expect(RunOutputs.fileNames(for: result).contains(RunCharts.rateFileName))
        #expect(OutputFile.isListed(RunCharts.rateFileName, in: .run) && OutputFile.isListed(RunCharts.latencyServiceFileName, in: .run))
        for chart in RunCharts.charts(for: result) { #expect(ChartText.isWellFormedXML(chart.svg), "\(chart.fileName)") }
        let rate = try #require(RunCharts.charts(for: result).first { $0.fileName == RunCharts.rateFileName })
        #expect(rate.svg.contains("Offered (arrivals due)") && rate.svg.contains("Achieved (completed)"))
        #expect(MarkdownReport.render(result).contains("![Offered and achieved rate per second (open stages)](chart-rate.svg)"))
    }
}
