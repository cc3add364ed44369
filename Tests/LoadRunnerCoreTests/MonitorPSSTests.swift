import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
@testable import LoadRunnerReports
import Testing

/// PSS beside RSS in the monitor model: parsing `smaps_rollup`, sums over a tree, stage summaries, the metric
/// paths, `monitors.csv`, `result.json` (older files without PSS) and `compare`.
@Suite("Monitor PSS")
struct MonitorPSSTests {
    static let rollup = """
        55d0c0a8e000-7ffd2b1f2000 ---p 00000000 00:00 0                          [rollup]
        Rss:                1668 kB
        Pss:                 173 kB
        Pss_Dirty:           108 kB
        Pss_Anon:            108 kB
        Shared_Clean:       1492 kB

        """

    @Test func pssComesFromItsLineInKilobytes() {
        #expect(ProcSmapsRollup.pssBytes(Self.rollup) == 173 * 1024)
        #expect(ProcSmapsRollup.pssBytes("Rss: 10 kB\n") == nil)
        #expect(ProcSmapsRollup.pssBytes("Pss: many kB\n") == nil)
        #expect(ProcSmapsRollup.pssBytes("Pss: 12 MB\n") == nil)
    }

    static func process(_ pid: Int32, rssPages: UInt64, pss: UInt64?) -> ProcessSample {
        ProcessSample(pid: pid, ppid: 1, startTimeTicks: 1, cpuTicks: 0, rssPages: rssPages, pssBytes: pss,
                      readBytes: 0, writeBytes: 0)
    }

    @Test func aTreeSumsPSSOnlyWhenEveryProcessHasIt() {
        let known = TreeSampleDetail(second: 0, bootSeconds: 1, rootPid: 10, processes: [
            Self.process(10, rssPages: 100, pss: 40_960), Self.process(11, rssPages: 100, pss: 8_192),
        ])
        #expect(known.summary.pssBytes == 49_152 && known.summary.rssPages == 200)
        let second = MonitorRates.first(known, pageSize: 4096)
        #expect(second.rssBytes == 819_200 && second.pssBytes == 49_152 && second.memoryBytes == 49_152)
        let unknown = TreeSampleDetail(second: 0, bootSeconds: 1, rootPid: 10, processes: [
            Self.process(10, rssPages: 100, pss: 40_960), Self.process(11, rssPages: 100, pss: nil),
        ])
        #expect(unknown.summary.pssBytes == nil)
        #expect(MonitorRates.first(unknown, pageSize: 4096).memoryBytes == 819_200)
    }

    /// `MonitorReportTests`' seconds with PSS: 40 MB + 0.5 MB a second (RSS is 100 MB + 1 MB a second).
    static func seconds() -> [MonitorSecond] {
        MonitorReportTests.seconds().map { second in
            var second = second
            if second.alive { second.pssBytes = UInt64(40_000_000 + second.second * 500_000) }
            return second
        }
    }

    static func result(pss: Bool = true) -> RunResult {
        var result = ReportFixtures.result()
        result.monitors = [MonitorSeries(
            name: "primary", target: "pid 42", seconds: pss ? seconds() : MonitorReportTests.seconds(),
            windowsOf: result.stages)]
        return result
    }

    @Test func stageSummariesKeepPSSBesideRSS() throws {
        let stages = try #require(Self.result().monitors?.first?.stages)
        // Stage 1's window holds seconds 1 and 2, stage 2's second 4 (second 5 is down).
        #expect(stages[0].pssBytesMean == 40_750_000 && stages[0].pssBytesMax == 41_000_000)
        #expect(stages[0].rssBytesMean == 101_500_000)
        #expect(stages[1].pssBytesMean == 42_000_000 && stages[1].pssBytesMax == 42_000_000)
        let old = try #require(Self.result(pss: false).monitors?.first?.stages)
        #expect(old[0].pssBytesMean == nil && old[0].pssBytesMax == nil)
    }

    @Test func memoryIsPSSAndFallsBackToRSSInOlderResults() throws {
        let values = MetricValues(result: Self.result())
        let old = MetricValues(result: Self.result(pss: false))
        func value(_ values: MetricValues, _ path: String) throws -> Double? {
            values.value(try MetricID.parse(path).get(), in: .stage(1))
        }
        #expect(try value(values, "monitor[primary].memory") == 40_750_000)
        #expect(try value(values, "monitor[primary].memory_max") == 41_000_000)
        #expect(try value(values, "monitor[primary].pss") == 40_750_000)
        #expect(try value(values, "monitor[primary].pss_max") == 41_000_000)
        #expect(try value(values, "monitor[primary].rss") == 101_500_000)
        #expect(try value(values, "monitor[primary].rss_max") == 102_000_000)
        #expect(try value(old, "monitor[primary].memory") == 101_500_000)
        #expect(try value(old, "monitor[primary].memory_max") == 102_000_000)
        #expect(try value(old, "monitor[primary].pss") == nil)
        #expect(Self.result(pss: false).monitors?.first?.memoryIsRSS == true)
        #expect(Self.result().monitors?.first?.memoryIsRSS == false)
        #expect(try MetricID.parse("monitor[db].pss").get().unit() == .bytes)
    }

    @Test func aPSSThresholdIsJudgedOnEachStage() throws {
        let spec = try ThresholdParser.parse("monitor[primary].pss_max < 41500000", abortOnFail: false).get()
        let outcomes = ThresholdEvaluator.evaluate([spec], on: Self.result())
        #expect(outcomes.map(\.status) == [.passed, .failed])
        #expect(outcomes.map(\.observed) == [41_000_000, 42_000_000])
    }

    @Test func monitorsCSVEndsWithThePSSColumn() {
        let golden = """
            name,second,alive,pid,process_count,cpu_pct,rss_bytes,read_bytes_per_s,write_bytes_per_s,reason,pss_bytes
            primary,0,true,42,3,,100000000,,,,40000000
            primary,1,true,42,3,10.00,101000000,1000000.00,500000.00,,40500000
            primary,2,true,42,3,20.00,102000000,1000000.00,500000.00,,41000000
            primary,3,true,42,3,30.00,103000000,1000000.00,500000.00,,41500000
            primary,4,true,42,3,40.00,104000000,1000000.00,500000.00,,42000000
            primary,5,false,42,0,,,,,process 42 is not running,

            """
        #expect(MonitorsCSV.render(Self.result().monitors ?? []) == golden)
    }

    @Test func resultJSONKeepsPSSAndReadsFilesWithoutIt() throws {
        let result = Self.result()
        let text = try ResultJSON.string(result)
        #expect(text.contains("\"pssBytes\" : 40000000") && text.contains("\"pssBytesMean\" : 40750000"))
        #expect(try ResultJSON.decode(Data(text.utf8)).monitors == result.monitors)
        let old = try ResultJSON.string(Self.result(pss: false))
        #expect(!old.contains("pss"))
        #expect(try ResultJSON.decode(Data(old.utf8)).monitors?.first?.seconds.allSatisfy { $0.pssBytes == nil } == true)
    }

    @Test func compareAddsPSSOnlyWhenBothRunsHaveIt() throws {
        let both = RunComparator().compare(
            baseline: Self.result(), candidate: Self.result(), baselineLabel: "a", candidateLabel: "b")
        let rows = try #require(both.resources).filter { $0.stage == 1 }
        #expect(rows.map(\.metric.measure) == [MetricMeasure.cpu, .rss, .pss, .diskRead])
        #expect(rows[2].baseline == 40_750_000 && rows[2].candidate == 40_750_000)
        let mixed = RunComparator().compare(
            baseline: Self.result(pss: false), candidate: Self.result(), baselineLabel: "a", candidateLabel: "b")
        let mixedRows = try #require(mixed.resources).filter { $0.stage == 1 }
        #expect(mixedRows.map(\.metric.measure) == [MetricMeasure.cpu, .rss, .diskRead])
        let charts = CompareCharts.series(resources: both.resources ?? [], users: [1: 10, 2: 20]).map(\.fileName)
        #expect(charts.contains("compare-memory-pss-primary.svg"))
    }

    @Test func theMonitorsTableShowsPSSBesideRSSOnlyWhenMeasured() {
        let table = MonitorsSection.table(Self.result().monitors ?? [])
        #expect(table.columns.map(\.title) == [
            "Stage", "Process", "CPU mean %", "CPU max %", "PSS mean MB", "PSS max MB", "RSS mean MB", "RSS max MB",
            "Read MB/s", "Write MB/s", "Alive",
        ])
        // Stage 1: PSS 40.75 MB mean, 41 MB max; RSS 101.5 MB mean.
        #expect(Array(table.rows[0].map(\.plainText)[4...6]) == ["40.8", "41.0", "101.5"])
        let old = MonitorsSection.table(Self.result(pss: false).monitors ?? [])
        #expect(!old.columns.map(\.title).contains("PSS mean MB"))
        #expect(MarkdownReport.render(Self.result()).contains(MonitorsSection.pssNote))
    }
}
