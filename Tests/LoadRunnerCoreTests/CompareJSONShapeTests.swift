import Foundation
import Testing
@testable import LoadRunnerModel
import LoadRunnerAnalysis
import LoadRunnerReports

/// `compare.json` files written before comparisons were keyed by `MetricID` (by LoadRunner's `compare` on the
/// `MonitorReportTests` and `CommandMonitorCompareTests` runs) still decode into the one `MetricComparison`, and
/// encode back to the same bytes.
@Suite("compare.json shape")
struct CompareJSONShapeTests {
    @Test func processMonitorRowsKeepTheirShape() throws {
        let data = try SchemaOneTests.fixture("compare-process-monitors-before-metricid.json")
        let result = try CompareJSON.decode(data)
        let resources = try #require(result.resources)
        #expect(resources.filter { $0.stage == 1 }.map(\.metric) == [
            MetricID(.monitor("primary"), .cpu), MetricID(.monitor("primary"), .rss),
            MetricID(.monitor("primary"), .diskRead),
        ])
        #expect(resources[0].baseline == 15 && resources[0].candidate == 30 && resources[0].commandUnit == nil)
        #expect(result.budgets.map(\.metric.compareName) == ["p50", "p95", "p99", "rps", "error_rate"])
        #expect(result.stages[0].metrics.first?.metric == MetricID(.request("list items"), .percentile(50)))
        #expect(result.stages[0].metrics.last?.metric == MetricID(.total, .errorRate))
        #expect(try CompareJSON.encode(result) == data)
    }

    @Test func commandMonitorRowsKeepTheirShape() throws {
        let data = try SchemaOneTests.fixture("compare-command-monitors-before-metricid.json")
        let result = try CompareJSON.decode(data)
        let resources = try #require(result.resources)
        #expect(resources[0].metric == MetricID(.command("replica1 lag"), .mean) && resources[0].commandUnit == "bytes")
        #expect(resources[0].baseline == 3_000 && resources[0].candidate == 6_000)
        #expect(try CompareJSON.encode(result) == data)
    }
}
