import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
import Testing

/// The bootstrap interval and the budget rules, on hand-made numbers.
@Suite struct CompareBootstrapTests {
    let bootstrap = Bootstrap()

    @Test func constantSamplesGiveAPointInterval() throws {
        let interval = try #require(bootstrap.differenceOfMeans(baseline: [10, 10, 10], candidate: [12, 12, 12], seed: 1))
        #expect(interval.low == 2)
        #expect(interval.high == 2)
        #expect(abs((interval.relativeLow ?? 0) - 0.2) < 1e-12)
        #expect(interval.confidence == 0.95)
    }

    @Test func emptySideHasNoInterval() {
        #expect(bootstrap.differenceOfMeans(baseline: [], candidate: [1, 2, 3], seed: 1) == nil)
        #expect(bootstrap.differenceOfMeans(baseline: [1, 2, 3], candidate: [], seed: 1) == nil)
    }

    @Test func zeroBaselineHasNoRelativeInterval() throws {
        let interval = try #require(bootstrap.differenceOfMeans(baseline: [0, 0, 0], candidate: [0, 0.1, 0.2], seed: 1))
        #expect(interval.relativeLow == nil)
        #expect(interval.relativeHigh == nil)
        #expect(interval.high > 0)
    }

    @Test func sameSeedSameInterval() {
        let baseline = (0..<30).map { Double($0 % 7) * 100 + 1_000 }
        let candidate = (0..<30).map { Double($0 % 5) * 120 + 1_050 }
        let first = bootstrap.differenceOfMeans(baseline: baseline, candidate: candidate, seed: 42)
        #expect(first == bootstrap.differenceOfMeans(baseline: baseline, candidate: candidate, seed: 42))
        #expect(first != bootstrap.differenceOfMeans(baseline: baseline, candidate: candidate, seed: 43))
    }

    /// Same values in another order: an interval around 0, covering it.
    @Test func identicalSamplesCoverZero() throws {
        let baseline = (0..<40).map { Double(($0 * 37) % 100) }
        let interval = try #require(bootstrap.differenceOfMeans(baseline: baseline, candidate: baseline.reversed(), seed: 7))
        #expect(interval.low < 0 && interval.high > 0)
        #expect(!interval.excludesZero(towards: 1) && !interval.excludesZero(towards: -1))
    }

    @Test func shiftedSamplesExcludeZero() throws {
        let baseline = (0..<40).map { Double(($0 * 37) % 100) + 1_000 }
        let interval = try #require(
            bootstrap.differenceOfMeans(baseline: baseline, candidate: baseline.map { $0 * 1.2 }, seed: 7))
        #expect(interval.low > 150 && interval.high < 260)
        #expect((interval.relativeLow ?? 0) > 0.15 && (interval.relativeHigh ?? 1) < 0.25)
        #expect(interval.excludesZero(towards: 1))
    }

    /// Pinned so that a change of the seed derivation (which would change every report) shows up here.
    @Test func perMetricSeedsAreStable() {
        #expect(Bootstrap.seed(1, key: "1\u{1F}user/get\u{1F}GET\u{1F}p95") == Bootstrap.seed(1, key: "1\u{1F}user/get\u{1F}GET\u{1F}p95"))
        #expect(Bootstrap.seed(1, key: "a") != Bootstrap.seed(1, key: "b"))
        #expect(Bootstrap.seed(1, key: "a") != Bootstrap.seed(2, key: "a"))
        #expect(Bootstrap.seed(1, key: "1\u{1F}user/get\u{1F}GET\u{1F}p95") == 9_044_654_590_273_552_933)
    }

    @Test func confidenceAndResamplesAreClamped() {
        #expect(Bootstrap(confidence: 2, resamples: 0) == Bootstrap(confidence: 0.999_999, resamples: 1))
    }

    // MARK: Budget rules

    static let p95 = Budget(metric: MetricID(.total, .percentile(95)), relative: 0.10, absolute: 2_000, text: "p95 > +10% and +2ms")

    @Test(arguments: [
        // (baseline, candidate, exceeds): both limits must be passed, in either direction.
        (10_000.0, 12_500.0, true),
        (10_000.0, 11_500.0, false),  // +15% but only +1.5 ms
        (30_000.0, 32_500.0, false),  // +2.5 ms but only +8.3%
        (30_000.0, 26_000.0, true),  // -13.3% and -4 ms: exceeds, as an improvement
        (10_000.0, 12_000.0, false),  // exactly +2 ms: not beyond
    ])
    func budgetNeedsEveryLimit(baseline: Double, candidate: Double, exceeds: Bool) {
        #expect(MetricJudge.exceeds(change: candidate - baseline, baseline: baseline, budget: Self.p95) == exceeds)
    }

    @Test func noBudgetMeansAnyChange() {
        #expect(MetricJudge.exceeds(change: 0.001, baseline: 100, budget: nil))
        #expect(!MetricJudge.exceeds(change: 0, baseline: 100, budget: nil))
        // A relative limit on a zero baseline: any change is beyond it.
        let errors = Budget(metric: MetricID(.total, .errorRate), relative: 0.5, absolute: nil, text: "error_rate > +50%")
        #expect(MetricJudge.exceeds(change: 0.001, baseline: 0, budget: errors))
    }

    @Test func verdictNeedsTheIntervalOnOneSide() {
        let inside = ConfidenceInterval(confidence: 0.95, low: -100, high: 4_000, relativeLow: -0.01, relativeHigh: 0.4)
        let above = ConfidenceInterval(confidence: 0.95, low: 2_100, high: 4_000, relativeLow: 0.21, relativeHigh: 0.4)
        let below = ConfidenceInterval(confidence: 0.95, low: -4_000, high: -2_100, relativeLow: -0.4, relativeHigh: -0.21)
        func verdict(_ candidate: Double, _ interval: ConfidenceInterval?, low: Bool = false, higher: Bool = false)
            -> CompareVerdict
        {
            MetricJudge.verdict(
                baseline: 10_000, candidate: candidate, interval: interval, lowSampleCount: low, budget: Self.p95,
                higherIsBetter: higher)
        }
        #expect(verdict(13_000, above) == .worse)
        #expect(verdict(13_000, inside) == .noSignificantChange)
        #expect(verdict(13_000, below) == .noSignificantChange)
        #expect(verdict(7_000, below) == .better)
        #expect(verdict(13_000, nil, low: true) == .worse)
        #expect(verdict(11_000, above) == .noSignificantChange)
        #expect(verdict(13_000, above, higher: true) == .better)
        #expect(MetricJudge.verdict(
            baseline: nil, candidate: 1, interval: nil, lowSampleCount: true, budget: nil, higherIsBetter: false)
            == .notComparable)
    }
}
