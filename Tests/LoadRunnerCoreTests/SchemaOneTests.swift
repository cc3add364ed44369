import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerProfile
import LoadRunnerAnalysis
import Testing

/// A real schema 1 `result.json` (written by the LoadRunner before schema 2) still reads, and today's readers
/// render from it what that LoadRunner wrote.
@Suite struct SchemaOneTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "results", withExtension: nil, subdirectory: "Fixtures"))
        return try Data(contentsOf: url.appendingPathComponent(name))
    }

    static func result() throws -> RunResult {
        try ResultJSON.decode(try fixture("schema1-result.json"), source: "schema1-result.json")
    }

    @Test func decodesWithoutTheSchemaTwoFields() throws {
        let result = try Self.result()
        #expect(result.schemaVersion == 1)
        #expect(result.startUnixMicros == nil)
        #expect(result.compareBudgets == nil)
        #expect(result.stages.count == 2)
        #expect(result.stages.allSatisfy { $0.generator.schedulingLag == nil })
        #expect(result.series.flatMap(\.requests).allSatisfy { $0.latency == nil })
        #expect(result.seriesStartUnixMicros == RunResult.unixMicros(result.provenance.startTime))
    }

    @Test func reportsMatchWhatTheSchemaOneLoadRunnerWrote() throws {
        let result = try Self.result()
        #expect(MarkdownReport.render(result) == String(decoding: try Self.fixture("schema1-report.md"), as: UTF8.self))
        #expect(StagesCSV.render(result) == String(decoding: try Self.fixture("schema1-stages.csv"), as: UTF8.self))
        var history = ""
        LocustHistoryCSV.write(result.series, fullHistory: true, to: &history)
        #expect(history == String(decoding: try Self.fixture("schema1-locust_stats_history.csv"), as: UTF8.self))
    }

    @Test func perSecondPercentilesFallBackToTheSummary() throws {
        let second = try #require(try Self.result().series.first { $0.requests.contains { $0.requests > 0 } })
        let row = try #require(second.requests.first { $0.requests > 0 })
        #expect(row.micros(atPercentile: 95) == row.percentileMicros[5])
        #expect(row.micros(atPercentile: 97) == nil)
        #expect(try Self.result().latency(seconds: 0..<10) == nil)
    }

    @Test func compareReadsItAndTakesTheBudgetsFromTheProfileText() throws {
        let result = try Self.result()
        let budgets = ProfileCompareBudgets.budgets(of: result)
        #expect(budgets.map(\.text) == ["p95 > +25% and +3ms"])
        let comparison = RunComparator(budgets: budgets).compare(
            baseline: result, candidate: result, baselineLabel: "a", candidateLabel: "b")
        #expect(comparison.stages.count == 2)
        #expect(comparison.mismatches.isEmpty)
        #expect(comparison.regressions.isEmpty)
    }

    @Test func schemaTwoBudgetsAreReadAsStoredNotReparsed() throws {
        var result = try Self.result()
        result.compareBudgets = []
        #expect(ProfileCompareBudgets.budgets(of: result).isEmpty)
        result.compareBudgets = [Budget(metric: MetricID(.total, .percentile(99)), relative: 0.5, absolute: nil, text: "p99 > +50%")]
        #expect(ProfileCompareBudgets.budgets(of: result).map(\.text) == ["p99 > +50%"])
    }
}
