import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
import Testing

/// The compare statistics on generated runs whose ground truth is known (`CompareSweepFixtures`): how often two
/// runs of one distribution fail a comparison of 60 budgeted metrics, whether each point lies inside its interval,
/// and whether throughput alone moves a tail percentile.
///
/// The sweep draws 1 resample per Bonferroni tail instead of 10 (`resamplesPerTail`), to stay within seconds in a
/// debug build; the rule is the same, only its constant is smaller.
@Suite(.serialized) struct CompareSweepTests {
    /// 11 names and the Aggregated row, 5 budgeted metrics each (p50, p95, p99, rps, error_rate): 60.
    static let names = 11
    static let windowSeconds = 20
    static let pairs = 100

    static func pair(_ index: Int, slowdown: Double = 1, requestsPerSecond: Int = 20) -> (RunResult, RunResult) {
        let seed = UInt64(index) * 2 + 10_001
        return (
            CompareSweepFixtures.run(
                seed: seed, names: names, requestsPerSecond: requestsPerSecond, windowSeconds: windowSeconds),
            CompareSweepFixtures.run(
                seed: seed + 1, names: names, requestsPerSecond: requestsPerSecond, windowSeconds: windowSeconds,
                slowdown: slowdown))
    }

    static func compare(_ pair: (RunResult, RunResult), comparator: RunComparator = RunComparator(resamplesPerTail: 1))
        -> CompareResult
    {
        comparator.compare(baseline: pair.0, candidate: pair.1, baselineLabel: "a", candidateLabel: "b")
    }

    /// Two runs of one distribution fail a comparison of 60 budgeted metrics in at most 5% of 100 pairs (asserted
    /// with margin: at most 8), and every metric's point change lies inside its interval.
    @Test func sameDistributionPairsKeepTheFamilyWiseRate() {
        var failed = 0
        for index in 0..<Self.pairs {
            let result = Self.compare(Self.pair(index))
            #expect(result.method.budgetedIntervals == 60)
            if result.failed {
                failed += 1
                print("compare sweep pair \(index) failed on \(result.regressions.map { "\($0.name) \($0.metric.compareName)" })")
            }
            for metric in result.metrics {
                guard let interval = metric.interval, let change = metric.change else {
                    Issue.record("pair \(index): \(metric.name) \(metric.metric.compareName) has no interval")
                    continue
                }
                #expect(interval.low <= change && change <= interval.high,
                        "pair \(index): \(metric.name) \(metric.metric.compareName) \(change) outside [\(interval.low), \(interval.high)]")
            }
        }
        print("compare sweep: \(failed) of \(Self.pairs) same-distribution pairs failed (60 budgeted metrics)")
        #expect(failed <= 8)
    }

    /// One distribution at 10 and at 200 requests per second: p99 is "no significant change" (the mean of
    /// per-second p99s would move with the rate alone); throughput itself is better.
    @Test func throughputAloneDoesNotMoveP99() {
        let slow = CompareSweepFixtures.run(seed: 3, names: 1, requestsPerSecond: 10, windowSeconds: 30)
        let fast = CompareSweepFixtures.run(seed: 4, names: 1, requestsPerSecond: 200, windowSeconds: 30)
        let result = Self.compare((slow, fast), comparator: RunComparator())
        for name in ["r1", RequestStats.aggregatedName] {
            let p99 = result.metrics.first { $0.name == name && $0.metric.measure == .percentile(99) }
            #expect(p99?.verdict == .noSignificantChange, "\(name)")
            let rps = result.metrics.first { $0.name == name && $0.metric.measure == .rps }
            #expect(rps?.verdict == .better, "\(name)")
        }
        #expect(!result.failed)
    }

    /// Over all seconds of a window, the resampling statistic is the point value, for every compared measure.
    @Test func wholeWindowStatisticIsThePoint() throws {
        let run = CompareSweepFixtures.run(seed: 9, names: 2, requestsPerSecond: 30, windowSeconds: 20)
        let stage = run.stages[0]
        let window = PerSecondSamples.window(run.series, stage: stage)
        for (name, stats) in [("r1", stage.requests[0]), (nil, stage.aggregated)] as [(String?, RequestStats)] {
            let series = WindowSeries(window, name: name, method: "GET")
            for measure in MetricID.comparedRequestMeasures {
                let statistic = try #require(WindowStatistic(measure, series))
                let point = RunComparator.pointValue(stats, metric: MetricID(.total, measure), windowSeconds: 20)
                let value = statistic.value(firsts: [0], ends: [20])
                #expect(value == point, "\(name ?? "Aggregated") \(measure)")
            }
        }
    }

    /// Detection power at 1.1x and 1.2x slower (the numbers in docs/compare.md); off by default, as it takes long:
    /// `LOADRUNNER_COMPARE_POWER=1 swift test --skip-build --filter CompareSweepTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOADRUNNER_COMPARE_POWER"] == "1"))
    func detectionPower() {
        for slowdown in [1.1, 1.2] {
            var failed = 0, p50Worse = 0, aggregateP50Excludes = 0, aggregateP50Worse = 0, nameP50Worse = 0
            for index in 0..<Self.pairs {
                let result = Self.compare(Self.pair(index + 1_000, slowdown: slowdown))
                if result.failed { failed += 1 }
                if result.metrics.contains(where: { $0.metric.measure == .percentile(50) && $0.verdict == .worse }) {
                    p50Worse += 1
                }
                let aggregate = result.metrics.first { $0.isAggregated && $0.metric.measure == .percentile(50) }
                if aggregate?.interval?.excludesZero(towards: 1) == true { aggregateP50Excludes += 1 }
                if aggregate?.verdict == .worse { aggregateP50Worse += 1 }
                nameP50Worse += result.metrics.filter {
                    !$0.isAggregated && $0.metric.measure == .percentile(50) && $0.verdict == .worse
                }.count
            }
            print("compare power at \(slowdown)x: failed \(failed)/\(Self.pairs), a p50 worse \(p50Worse)/\(Self.pairs), "
                + "Aggregated p50 interval above 0 \(aggregateP50Excludes)/\(Self.pairs), Aggregated p50 worse "
                + "\(aggregateP50Worse)/\(Self.pairs), a name's p50 worse \(nameP50Worse)/\(Self.pairs * Self.names)")
        }
    }

    /// The cost bound in docs/compare.md: a 300 s window, 11 names at 100 requests/s each (60 budgeted metrics,
    /// 24,000 resamples); off by default, it measures time:
    /// `LOADRUNNER_COMPARE_COST=1 swift test --skip-build --filter CompareSweepTests/comparisonCost`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOADRUNNER_COMPARE_COST"] == "1"))
    func comparisonCost() {
        let baseline = CompareSweepFixtures.run(seed: 1, names: Self.names, requestsPerSecond: 100, windowSeconds: 300)
        let candidate = CompareSweepFixtures.run(seed: 2, names: Self.names, requestsPerSecond: 100, windowSeconds: 300)
        let clock = ContinuousClock()
        var result: CompareResult?
        let elapsed = clock.measure { result = Self.compare((baseline, candidate), comparator: RunComparator()) }
        print("compare cost: 300 s windows, \(result?.method.budgetedIntervals ?? 0) budgeted metrics, "
            + "\(result?.method.resamples ?? 0) resamples: \(elapsed)")
    }
}
