import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import LoadRunnerReports
import Testing

/// The one value a percentile is (the top of its HdrHistogram bucket), judged at a threshold's boundary: the
/// exact percentile of these histograms is known, since every sample has the same latency.
@Suite("Percentile at a threshold's boundary")
struct PercentileBoundaryTests {
    /// A stage 1 whose Aggregated row holds `count` requests of `micros` each, in `ReportFixtures`' run.
    static func result(micros: UInt64, count: UInt64 = 100) -> RunResult {
        var result = ReportFixtures.result()
        var stats = RequestStats(name: RequestStats.aggregatedName, method: "")
        stats.requests = count
        stats.latency.record(micros: micros, count: count)
        result.stages[0].aggregated = stats
        return result
    }

    static func judge(_ threshold: String, micros: UInt64) throws -> ThresholdOutcome {
        let spec = try ThresholdParser.parse("stage 1: " + threshold, abortOnFail: false).get()
        return try #require(ThresholdEvaluator.evaluate([spec], on: result(micros: micros)).first)
    }

    @Test func anExactP95JustUnderTheLimitIsJudgedAsItsBucketTop() throws {
        // 199,936-200,063 µs is one bucket (128 µs wide at 3 significant digits): an exact p95 of 199.999 ms
        // is judged as 200.063 ms, and fails `p95 < 200ms`.
        let under = try Self.judge("p95 < 200ms", micros: 199_999)
        #expect(under.observed == 200_063 && under.status == .failed)
        #expect(try Self.judge("p95 < 200ms", micros: 199_936).observed == 200_063)
        // The bucket below ends at 199,935 µs: that exact value is judged as itself, and passes.
        let below = try Self.judge("p95 < 200ms", micros: 199_935)
        #expect(below.observed == 199_935 && below.status == .passed)
        // An exact value over the limit never passes an upper limit.
        #expect(try Self.judge("p95 < 200ms", micros: 200_001).status == .failed)
        #expect(try Self.judge("p95 <= 200.063ms", micros: 199_999).status == .passed)
    }

    @Test func theJudgedValueIsNeverBelowTheExactOneAndAtMostOneThousandthAbove() {
        for micros: UInt64 in [1, 999, 1_000, 2_047, 2_048, 4_095, 10_001, 65_535, 199_999, 1_048_577, 9_999_999] {
            var histogram = LatencyHistogram()
            histogram.record(micros: micros, count: 20)
            for percentile in [50.0, 95, 99, 100] {
                let judged = histogram.micros(atPercentile: percentile)
                #expect(judged >= micros && Double(judged - micros) <= Double(micros) / 1_024, "\(micros) p\(percentile)")
            }
        }
    }

    @Test func thresholdsBudgetsAndReportsUseTheSameValue() throws {
        let result = Self.result(micros: 199_999)
        let stats = result.stages[0].aggregated
        let threshold = try Self.judge("p95 < 200ms", micros: 199_999).observed
        let budget = RunComparator.pointValue(stats, metric: MetricID(.total, .percentile(95)), windowSeconds: result.stages[0].windowSeconds)
        let metric = MetricValues(result: result).value(try MetricID.parse("latency.p95").get(), in: .stage(1))
        #expect(threshold == 200_063 && budget == 200_063 && metric == 200_063)
        // stages.csv shows milliseconds with 3 decimals: the same bucket top.
        let aggregated = StagesCSV.render(result).split(separator: "\n").first { $0.hasPrefix("1,") && $0.contains("Aggregated") }
        #expect(try #require(aggregated).contains("200.063"))
    }
}
