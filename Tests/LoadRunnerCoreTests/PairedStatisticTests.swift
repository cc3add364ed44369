import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
import Testing

/// The paired statistic of `ab` (`SignFlipTest`, `PairedMetric`, `RoundOrder`) on fixtures whose truth is known:
/// a constant +10% in every pair is flagged, drift shared by both sides and symmetric noise are not.
@Suite struct PairedStatisticTests {
    static let test = SignFlipTest()
    static let p50Budget = Budget(metric: MetricID(.total, .percentile(50)), relative: 0.05, absolute: nil, text: "p50 > +5%")

    /// A uniform value in -1...1 (additions and multiplications only: the same on every machine).
    static func noise(_ random: inout RandomSource) -> Double {
        Double(random.next() >> 11) / Double(1 << 53) * 2 - 1
    }

    /// Round values in running order for `pairs` pairs: `base x (1 + drift x round) x (1 + jitter x noise)`, the
    /// candidate's base times `factor`; returned per side in pair order, with the order `sides` gives.
    static func rounds(
        pairs: Int, factor: Double, drift: Double, jitter: Double, seed: UInt64,
        sides: [CompareSide] = RoundOrder.sides(pairs: 6)
    ) -> (a: [Double], b: [Double]) {
        var random = RandomSource(seed: seed)
        var a: [Double] = [], b: [Double] = []
        for (round, side) in sides.prefix(2 * pairs).enumerated() {
            let value = 10_000 * (1 + drift * Double(round)) * (1 + jitter * noise(&random))
            if side == .baseline { a.append(value) } else { b.append(value * factor) }
        }
        return (a, b)
    }

    /// The verdict of one metric judged alone, with a p50 budget of +5%.
    static func verdict(a: [Double], b: [Double]) -> PairedMetric {
        let differences = zip(a, b).map { $1 - $0 }
        let critical = test.criticalValue(differences: [differences], seed: 1)
        let interval = critical.flatMap { SignFlipTest.interval(differences, critical: $0) }.map {
            ConfidenceInterval(confidence: 0.95, low: $0.low, high: $0.high, relativeLow: nil, relativeHigh: nil)
        }
        return PairedMetric(
            stage: 1, metric: MetricID(.total, .percentile(50)), baselineValues: a, candidateValues: b, interval: interval,
            budget: p50Budget, judged: critical != nil)
    }

    @Test func roundsAlternateABThenBA() {
        #expect(RoundOrder.sides(pairs: 3) == [.baseline, .candidate, .candidate, .baseline, .baseline, .candidate])
        #expect((0..<6).map(RoundOrder.pair(ofRound:)) == [0, 0, 1, 1, 2, 2])
    }

    @Test func sixPairsAreTheFewestThatCanShowAChangeAt95Percent() {
        #expect(Self.test.minimumPairs == 6)
        let five = Array(repeating: 1.0, count: 5)
        #expect(Self.test.criticalValue(differences: [five], seed: 1) == nil)
        #expect(Self.test.criticalValue(differences: [five + [1]], seed: 1) != nil)
        #expect(SignFlipTest(confidence: 0.99).minimumPairs == 8)
    }

    @Test func aConstantTenPercentInEveryPairIsFlagged() throws {
        let (a, b) = Self.rounds(pairs: 6, factor: 1.10, drift: 0, jitter: 0.01, seed: 7)
        let metric = Self.verdict(a: a, b: b)
        #expect(metric.verdict == .worse)
        #expect(metric.isRegression)
        let relative = try #require(metric.relativeChange)
        #expect(abs(relative - 0.10) < 0.02)
        let interval = try #require(metric.interval)
        #expect(interval.low > 0 && interval.low <= metric.change! && metric.change! <= interval.high)
    }

    @Test func driftThatRaisesBothSidesTogetherIsNotFlagged() throws {
        // 4% slower every round, the same for A and B: 60% slower by the last round.
        let (a, b) = Self.rounds(pairs: 6, factor: 1, drift: 0.04, jitter: 0.005, seed: 3)
        let metric = Self.verdict(a: a, b: b)
        #expect(metric.verdict == .noSignificantChange)
        #expect(abs(try #require(metric.relativeChange)) < 0.01)
        // The same drift with A always first would look like a regression: what the A B B A order prevents.
        let (plainA, plainB) = Self.rounds(
            pairs: 6, factor: 1, drift: 0.04, jitter: 0.005, seed: 3,
            sides: Array(repeating: [CompareSide.baseline, .candidate], count: 6).flatMap { $0 })
        #expect(try #require(Self.verdict(a: plainA, b: plainB).interval).low > 0)
    }

    @Test func symmetricNoiseIsNotFlagged() {
        let a = Array(repeating: 10_000.0, count: 6)
        let b = [11_000.0, 9_000, 11_200, 8_900, 10_900, 9_100]
        #expect(Self.verdict(a: a, b: b).verdict == .noSignificantChange)
    }

    @Test func sameDistributionPairsRarelyFailAFamilyOfFiveMetrics() {
        // 400 A-vs-A comparisons of 6 pairs and 5 independent noisy metrics each: the family-wise share of
        // comparisons where any interval excludes 0 stays at the 5% asked for (exact test: at most 2/64 + noise).
        var flagged = 0
        for seed in 1...400 {
            var random = RandomSource(seed: UInt64(seed))
            let differences = (0..<5).map { _ in (0..<6).map { _ in 1_000 * Self.noise(&random) } }
            guard let critical = Self.test.criticalValue(differences: differences, seed: 1) else { continue }
            if differences.contains(where: { abs(SignFlipTest.statistic($0)) > critical }) { flagged += 1 }
        }
        #expect(flagged <= 400 * 8 / 100, "\(flagged) of 400")
    }

    @Test func theIntervalExcludesZeroExactlyWhenTheTestRejects() throws {
        for seed in 1...50 {
            let (a, b) = Self.rounds(pairs: 7, factor: 1.02, drift: 0, jitter: 0.02, seed: UInt64(seed),
                                     sides: RoundOrder.sides(pairs: 7))
            let differences = zip(a, b).map { $1 - $0 }
            let critical = try #require(Self.test.criticalValue(differences: [differences], seed: 1))
            let interval = try #require(SignFlipTest.interval(differences, critical: critical))
            let rejects = abs(SignFlipTest.statistic(differences)) > critical
            // A tie within rounding may go either way on the interval's side; the test does not reject it.
            if abs(abs(SignFlipTest.statistic(differences)) - critical) < 1e-9 { continue }
            #expect((interval.low > 0 || interval.high < 0) == rejects)
        }
    }

    @Test func manyPairsAreSampledDeterministically() {
        var random = RandomSource(seed: 9)
        let differences = [(0..<16).map { _ in Self.noise(&random) }]
        let first = Self.test.criticalValue(differences: differences, seed: 5)
        #expect(first != nil)
        #expect(first == Self.test.criticalValue(differences: differences, seed: 5))
    }

    @Test func tooFewPairsAreNotJudged() {
        let comparison = PairedComparison(
            pairs: 4, firstSides: [], confidence: 0.95, minimumPairs: 6, criticalValue: nil, budgetedMetrics: 0,
            budgets: [], metrics: [Self.verdict(a: [1, 1, 1, 1], b: [2, 2, 2, 2])])
        #expect(comparison.tooFewRounds)
        #expect(!comparison.failed)
        #expect(comparison.metrics[0].verdict == .noSignificantChange)
        #expect(!comparison.metrics[0].judged)
    }

    @Test func theComparatorFlagsASlowerCandidateInEveryStageAndPassesTheSameService() throws {
        let stages = [CompareFixtures.Stage(users: 10, seconds: 4, warmupSeconds: 1)]
        let sides = RoundOrder.sides(pairs: 6)
        func pairs(latency: Double) -> [(baseline: RunResult, candidate: RunResult)] {
            (0..<6).map { pair in
                let a = CompareFixtures.run(seed: UInt64(100 + pair), stages: stages)
                let b = CompareFixtures.run(seed: UInt64(200 + pair), stages: stages) { _, _ in .init(latency: latency) }
                return (a, b)
            }
        }
        let firstSides = stride(from: 0, to: sides.count, by: 2).map { sides[$0] }
        let comparator = PairedComparator(budgets: [Self.p50Budget])
        let slower = comparator.compare(pairs: pairs(latency: 1.3), firstSides: firstSides)
        #expect(slower.failed)
        let p50 = try #require(slower.metrics.first { $0.metric.measure == .percentile(50) })
        #expect(p50.verdict == .worse)
        #expect(abs(try #require(p50.relativeChange) - 0.3) < 0.1)
        #expect(slower.budgetedMetrics == 1)
        #expect(slower.metrics.map(\.metric.measure) == [
            .percentile(50), .percentile(95), .percentile(99), .rps, .errorRate, .receivedBytesPerSecond,
        ])

        let same = comparator.compare(pairs: pairs(latency: 1), firstSides: firstSides)
        #expect(!same.failed)
        #expect(!same.tooFewRounds)
    }
}
