import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Monitored processes in results: stage summaries, result.json, monitors.csv, the reports, charts and compare.
@Suite("Monitored processes in results")
struct MonitorReportTests {
    /// Seconds 0-5 (ReportFixtures' stages: windows 1-3 s and 4-6 s): CPU 10, 20, ... %, RSS 100 MB + 1 MB a
    /// second, reads 1 MB/s; second 5 down.
    static func seconds(cpuScale: Double = 1) -> [MonitorSecond] {
        (0..<6).map { second in
            if second == 5 { return .down(second: 5, pid: 42, reason: .notRunning(pid: 42)) }
            return MonitorSecond(
                second: second, alive: true, pid: 42, processCount: 3,
                cpuPercent: second == 0 ? nil : Double(second) * 10 * cpuScale,
                rssBytes: UInt64(100_000_000 + second * 1_000_000),
                readBytesPerSecond: second == 0 ? nil : 1_000_000, writeBytesPerSecond: second == 0 ? nil : 500_000)
        }
    }

    static func result(cpuScale: Double = 1) -> RunResult {
        var result = ReportFixtures.result()
        result.monitors = [MonitorSeries(
            name: "primary", target: "pid 42", seconds: seconds(cpuScale: cpuScale), windowsOf: result.stages)]
        return result
    }

    @Test func stageSummariesFoldTheWindowSeconds() throws {
        let stages = try #require(Self.result().monitors?.first?.stages)
        #expect(stages == [
            MonitorStageSummary(
                stage: 1, secondsSampled: 2, secondsAlive: 2, cpuPercentMean: 15, cpuPercentMax: 20,
                rssBytesMean: 101_500_000, rssBytesMax: 102_000_000, readBytesPerSecondMean: 1_000_000,
                writeBytesPerSecondMean: 500_000, readBytesTotal: 2_000_000, writeBytesTotal: 1_000_000),
            MonitorStageSummary(
                stage: 2, secondsSampled: 2, secondsAlive: 1, cpuPercentMean: 40, cpuPercentMax: 40,
                rssBytesMean: 104_000_000, rssBytesMax: 104_000_000, readBytesPerSecondMean: 1_000_000,
                writeBytesPerSecondMean: 500_000, readBytesTotal: 1_000_000, writeBytesTotal: 500_000),
        ])
    }

    @Test func aWindowWithoutSamplesHasNoFigures() {
        let summary = MonitorStageSummary(seconds: [], windowOf: ReportFixtures.stage(1))
        #expect(summary == MonitorStageSummary(stage: 1, secondsSampled: 0, secondsAlive: 0))
    }

    @Test func resultJSONRoundTripsAndOldFilesDecode() throws {
        let result = Self.result()
        let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
        #expect(decoded.monitors == result.monitors)
        let old = try ResultJSON.decode(try ResultJSON.encode(ReportFixtures.result()))
        #expect(old.monitors == nil)
        #expect(!String(decoding: try ResultJSON.encode(ReportFixtures.result()), as: UTF8.self).contains("monitors"))
    }

    @Test func monitorsCSVHasOneRowPerSecond() throws {
        let lines = MonitorsCSV.render(try #require(Self.result().monitors)).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "name,second,alive,pid,process_count,cpu_pct,rss_bytes,read_bytes_per_s,write_bytes_per_s,reason,pss_bytes")
        #expect(lines[1] == "primary,0,true,42,3,,100000000,,,,")
        #expect(lines[2] == "primary,1,true,42,3,10.00,101000000,1000000.00,500000.00,,")
        #expect(lines[6] == "primary,5,false,42,0,,,,,process 42 is not running,")
    }

    @Test func reportsShowTheSectionOnlyWithMonitors() throws {
        let markdown = MarkdownReport.render(Self.result())
        #expect(markdown.contains("## Monitored processes"))
        #expect(markdown.contains("|     1 | primary |       15.0 |      20.0 |       101.5 |      102.0 |      1.00 |       0.50 | 2/2 s |"))
        #expect(markdown.contains("- **primary was down** in second 5 (process 42 is not running)"))
        #expect(markdown.contains("![Monitored processes: CPU per second (% of one core)](chart-monitors.svg)"))
        #expect(!MarkdownReport.render(ReportFixtures.result()).contains("Monitored processes"))
        let html = HTMLReport.render(Self.result(), charts: RunCharts.charts(for: Self.result()))
        #expect(html.contains("<h2>Monitored processes</h2>"))
    }

    @Test func outputsAddTheMonitorFilesOnlyWithMonitors() throws {
        let files = try RunOutputs.contents(of: Self.result())
        #expect(RunOutputs.fileNames(for: Self.result()) == [
            "result.json", "stages.csv", "monitors.csv", "chart-throughput.svg", "chart-latency.svg", "chart-users.svg",
            "chart-monitors.svg", "chart-monitors-memory.svg", "report.md", "report.html", "locust_stats.csv",
            "locust_failures.csv",
        ])
        #expect(Set(files.keys) == Set(RunOutputs.fileNames(for: Self.result())))
        #expect(RunOutputs.fileNames(for: ReportFixtures.result()) == RunOutputs.fileNames)
        #expect(RunCharts.charts(for: ReportFixtures.result()).map(\.fileName) == RunCharts.fileNames)
        let cpuChart = try #require(RunCharts.charts(for: Self.result()).first { $0.fileName == "chart-monitors.svg" })
        #expect(cpuChart.svg.contains("primary"))
    }

    /// The memory chart plots PSS (the memory figure) when it was measured, RSS only for results without it.
    @Test func theMemoryChartPlotsPSSWhenMeasured() throws {
        func memoryChart(_ result: RunResult) throws -> String {
            try #require(RunCharts.charts(for: result).first { $0.fileName == RunCharts.monitorsMemoryFileName }).svg
        }
        var withPSS = Self.result()
        withPSS.monitors = [MonitorSeries(
            name: "primary", target: "pid 42",
            seconds: Self.seconds().map { second in
                var second = second
                second.pssBytes = second.rssBytes.map { $0 / 10 }
                return second
            },
            windowsOf: withPSS.stages)]
        let rss = try memoryChart(Self.result())
        let pss = try memoryChart(withPSS)
        #expect(rss.contains("resident memory (RSS)") && !rss.contains("PSS"))
        #expect(pss.contains("proportional memory (PSS)"))
        // RSS runs from 100 to 104 MB, PSS from 10 to 10.4 MB: the value axes (in MB) show which was plotted.
        #expect(rss.contains(">150<") && !pss.contains(">150<") && !pss.contains(">100<"))
    }

    @Test func compareReportsResourcesPerStageAndProcess() throws {
        let comparison = RunComparator().compare(
            baseline: Self.result(), candidate: Self.result(cpuScale: 2), baselineLabel: "a", candidateLabel: "b")
        let resources = try #require(comparison.resources)
        #expect(resources.map { "\($0.stage) \($0.name) \($0.metric.compareName)" } == [
            "1 primary cpu_pct", "1 primary rss_bytes", "1 primary read_bytes_per_s",
            "2 primary cpu_pct", "2 primary rss_bytes", "2 primary read_bytes_per_s",
        ])
        #expect(resources[0].baseline == 15 && resources[0].candidate == 30)
        // Two seconds per window: too few for an interval, so the (absent) budget decides: any rise is worse.
        #expect(resources[0].verdict == .worse && resources[0].lowSampleCount)
        #expect(resources[1].verdict == .noSignificantChange)
        #expect(!comparison.failed)

        let markdown = CompareMarkdown.render(comparison)
        #expect(markdown.contains("## Monitored processes"))
        #expect(markdown.contains("|     1 | primary | cpu_pct          |    15.0 % |    30.0 % |   +15.0 % | +100.0% (no CI: 2 s) | worse "))
        let csv = CompareCSV.render(comparison)
        #expect(csv.contains("1,10,primary,cpu_pct,%,15.0,30.0,15.0,100.00,,,,worse\n"))
        let json = try CompareJSON.decode(try CompareJSON.encode(comparison))
        #expect(json.resources == comparison.resources)

        let extra = CompareCharts.series(resources: resources, users: [1: 10, 2: 20])
        #expect(extra.map(\.fileName) == ["compare-cpu-primary.svg", "compare-memory-primary.svg", "compare-disk-read-primary.svg"])
        #expect(extra[0].points == [
            ComparedPoint(stage: 1, users: 10, baseline: 15, candidate: 30),
            ComparedPoint(stage: 2, users: 20, baseline: 40, candidate: 80),
        ])
    }

    @Test func compareWithoutSharedMonitorsHasNoResources() {
        var other = Self.result()
        other.monitors?[0].name = "replica"
        #expect(RunComparator().compare(baseline: Self.result(), candidate: other, baselineLabel: "a", candidateLabel: "b")
            .resources == nil)
        #expect(!CompareMarkdown.render(RunComparator().compare(
            baseline: ReportFixtures.result(), candidate: ReportFixtures.result(), baselineLabel: "a", candidateLabel: "b"))
            .contains("Monitored processes"))
    }
}
