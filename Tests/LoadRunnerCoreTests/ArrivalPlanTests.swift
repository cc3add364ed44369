import LoadRunnerModel
import Testing

/// The open model's plan as a pure function of the stages and the seed: tables, no clock.
@Suite struct ArrivalPlanTests {
    static func open(_ start: Double, _ end: Double? = nil, seconds: Double, arrivals: ArrivalProcess = .uniform,
                     requests: Int? = nil) -> Stage {
        Stage(rate: ArrivalRate(startPerSecond: start, endPerSecond: end ?? start), arrivals: arrivals,
              duration: .microseconds(Int64(seconds * 1_000_000)), requestLimit: requests)
    }

    static func all(_ stages: [Stage], seed: UInt64 = 7) -> [Arrival] { Array(ArrivalPlan(stages: stages, seed: seed)) }

    /// Requests per stage equal the integral of the rate: (rate from, rate to, seconds, count).
    @Test(arguments: [
        (200.0, 200.0, 10.0, 2000),  // 200/s for 10 s
        (100.0, 300.0, 10.0, 2000),  // a ramp up: (100 + 300) / 2 x 10
        (300.0, 100.0, 10.0, 2000),  // and down
        (200.0 / 60, 200.0 / 60, 60.0, 200),  // 200/m for a minute: 200, not 201 for a rounding
        (1.0, 1.0, 2.5, 3),  // at 0, 1 and 2 s
        (0.5, 0.5, 3.0, 2),  // at 0 and 2 s
        (1_000_000.0, 1_000_000.0, 0.01, 10_000),  // the most a profile may ask: one every microsecond
    ])
    func countsEqualTheIntegral(from: Double, to: Double, seconds: Double, count: Int) {
        let arrivals = Self.all([Self.open(from, to, seconds: seconds)])
        #expect(arrivals.count == count)
        #expect(arrivals.map(\.index) == Array(0..<count))
        #expect(arrivals.first?.intendedMicros == 0)
        #expect(arrivals.allSatisfy { $0.intendedMicros < Int64(seconds * 1_000_000) })
    }

    @Test func aConstantRateSpacesArrivalsEvenly() {
        let arrivals = Self.all([Self.open(200, seconds: 10)])
        let gaps = zip(arrivals.dropFirst(), arrivals).map { $0.intendedMicros - $1.intendedMicros }
        #expect(Set(gaps) == [5_000])
        #expect(arrivals.last?.intendedMicros == 9_995_000)
    }

    /// A ramp's arrival k is due where 100 t + 10 t^2 = k (100/s to 300/s over 10 s).
    @Test(arguments: [(0, 0), (1, 9_990), (1000, 6_180_340), (1999, 9_996_666)])
    func aRampSolvesTheQuadratic(index: Int, micros: Int64) {
        let arrivals = Self.all([Self.open(100, 300, seconds: 10)])
        #expect(arrivals[index].intendedMicros == micros)
    }

    @Test func aRampsGapsShrinkAsItsRateRises() {
        let arrivals = Self.all([Self.open(100, 300, seconds: 10)])
        let gaps = zip(arrivals.dropFirst(), arrivals).map { $0.intendedMicros - $1.intendedMicros }
        #expect(gaps.first == 9_990)  // 1/100 s, a little less as the rate already rises
        #expect(gaps.last.map { (3_333...3_335).contains($0) } == true)  // 1/300 s
        #expect(zip(gaps.dropFirst(), gaps).allSatisfy { $0 <= $1 + 1 })  // never longer (rounding aside)
    }

    /// Three stages of 0.5 s at 3/s: 1.5 arrivals each; the half carries over, so 2, 1 and 2, every 1/3 s.
    @Test func fractionsCarryAcrossStages() {
        let stages = [Self.open(3, seconds: 0.5), Self.open(3, seconds: 0.5), Self.open(3, seconds: 0.5)]
        let plan = ArrivalPlan(stages: stages, seed: 1)
        #expect(plan.parts.map(\.count) == [2, 1, 2])
        #expect(plan.parts.map(\.firstAt) == [0, 0.5, 0])
        let arrivals = Array(plan)
        #expect(arrivals.map(\.intendedMicros) == [0, 333_333, 666_667, 1_000_000, 1_333_333])
        #expect(arrivals.map(\.stage) == [0, 0, 1, 2, 2])
        #expect(arrivals.map(\.offsetMicros) == [0, 333_333, 166_667, 0, 333_333])
    }

    @Test func closedStagesHaveNoArrivalsAndOpenOnesNoUsers() {
        let stages = [
            Stage(users: 4, spawnRate: 100, duration: .seconds(5), warmup: .zero),
            Self.open(10, seconds: 2),
            Stage(users: 2, spawnRate: 100, duration: .seconds(1), warmup: .zero),
        ]
        let arrivals = Self.all(stages)
        #expect(arrivals.count == 20)
        #expect(arrivals.first?.intendedMicros == 5_000_000)
        #expect(arrivals.last?.intendedMicros == 6_900_000)
        let schedule = StageSchedule(stages: stages)
        #expect(schedule.users(atMicros: 4_999_999) == 4)
        #expect(schedule.users(atMicros: 5_000_000) == 0)  // the closed users leave as the open stage starts
        #expect(schedule.users(atMicros: 7_100_000) == 2)
        #expect(schedule.slots[2].startUsers == 0)
        #expect(schedule.peakUsers == 4)
    }

    /// `requests: N` ends an open stage where its rate has brought N arrivals; the next stage starts there.
    @Test(arguments: [
        (200.0, 200.0, 60.0, 500, Int64(2_500_000)),
        (100.0, 300.0, 10.0, 1000, Int64(6_180_340)),  // along the ramp over the stage's duration
        (200.0, 200.0, 1.0, 500, Int64(1_000_000)),  // the duration comes first: 200 requests
    ])
    func aCountEndsAnOpenStageWhenItsArrivalsAreDue(from: Double, to: Double, seconds: Double, requests: Int, end: Int64) {
        let stages = [Self.open(from, to, seconds: seconds, requests: requests), Self.open(10, seconds: 1)]
        let schedule = StageSchedule(stages: stages)
        #expect(schedule.slots[0].endMicros == end)
        #expect(schedule.slots[1].startMicros == end)
        let arrivals = Self.all(stages)
        let first = arrivals.filter { $0.stage == 0 }
        #expect(first.count == min(requests, Int(seconds * (from + to) / 2)))
        #expect(first.allSatisfy { $0.intendedMicros < end })
        #expect(arrivals.filter { $0.stage == 1 }.count == 10)
    }

    /// Poisson counts per second have the mean and the variance of the rate (100/s over 400 s, a fixed seed, so
    /// the test is deterministic; the bounds are four standard errors wide).
    @Test(arguments: [UInt64(1), 42, 0xDEAD_BEEF])
    func poissonCountsHaveTheRatesMeanAndVariance(seed: UInt64) {
        let arrivals = Self.all([Self.open(100, seconds: 400, arrivals: .poisson)], seed: seed)
        var perSecond = [Int](repeating: 0, count: 400)
        for arrival in arrivals { perSecond[Int(arrival.intendedMicros / 1_000_000)] += 1 }
        let mean = Double(perSecond.reduce(0, +)) / 400
        let variance = perSecond.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / 399
        #expect(abs(mean - 100) < 4 * (100.0 / 400).squareRoot(), "mean \(mean)")
        #expect(abs(variance - 100) < 4 * 100 * (2.0 / 399).squareRoot(), "variance \(variance)")
        let gaps = zip(arrivals.dropFirst(), arrivals).map { Double($0.intendedMicros - $1.intendedMicros) }
        let meanGap = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(meanGap - 10_000) < 4 * 10_000 / Double(gaps.count).squareRoot(), "mean gap \(meanGap)")
    }

    /// A Poisson ramp from 50/s to 150/s over 100 s: 3,750 due in the first half, 6,250 in the second.
    @Test func poissonFollowsARamp() {
        let arrivals = Self.all([Self.open(50, 150, seconds: 100, arrivals: .poisson)], seed: 3)
        let firstHalf = arrivals.filter { $0.intendedMicros < 50_000_000 }.count
        let secondHalf = arrivals.count - firstHalf
        #expect(abs(Double(firstHalf) - 3_750) < 4 * 3_750.0.squareRoot(), "\(firstHalf)")
        #expect(abs(Double(secondHalf) - 6_250) < 4 * 6_250.0.squareRoot(), "\(secondHalf)")
        #expect(zip(arrivals.dropFirst(), arrivals).allSatisfy { $0.intendedMicros >= $1.intendedMicros })
    }

    @Test func theSameSeedGivesTheSameSequenceAndAnotherAnother() {
        let stages = [Self.open(50, seconds: 10, arrivals: .poisson), Self.open(20, 40, seconds: 5, arrivals: .poisson)]
        let first = Self.all(stages, seed: 11)
        #expect(first == Self.all(stages, seed: 11))
        #expect(first != Self.all(stages, seed: 12))
        // Uniform arrivals do not depend on the seed at all.
        #expect(Self.all([Self.open(50, seconds: 2)], seed: 1) == Self.all([Self.open(50, seconds: 2)], seed: 2))
    }

    /// Each stage draws its own stream: changing one stage leaves the next one's gaps as they were.
    @Test func aStagesPoissonArrivalsDoNotDependOnTheStagesBefore() {
        let later = Self.open(30, seconds: 3, arrivals: .poisson)
        let a = Self.all([Self.open(10, seconds: 2), later]).filter { $0.stage == 1 }.map(\.offsetMicros)
        let b = Self.all([Self.open(99, seconds: 2, arrivals: .poisson), later]).filter { $0.stage == 1 }.map(\.offsetMicros)
        #expect(!a.isEmpty && a == b)
    }

    /// `arrivals(inMicros:)` gives exactly the iterator's arrivals in the window, with the same k.
    @Test(arguments: [
        Int64(0)..<Int64(1), 0..<1_000_000, 999_999..<2_000_001, 1_500_000..<4_200_000, 3_000_000..<3_000_000,
        4_000_000..<9_000_000, 8_999_999..<20_000_000, 20_000_000..<30_000_000,
    ])
    func windowsAgreeWithTheIterator(window: Range<Int64>) {
        let stages = [
            Self.open(3, seconds: 0.5), Self.open(100, 300, seconds: 2, arrivals: .poisson),
            Stage(users: 1, spawnRate: 1, duration: .seconds(1), warmup: .zero),
            Self.open(7, seconds: 1.3), Self.open(50, 10, seconds: 4), Self.open(40, seconds: 2, arrivals: .poisson),
        ]
        let plan = ArrivalPlan(stages: stages, seed: 5)
        #expect(plan.arrivals(inMicros: window) == Array(plan).filter { window.contains($0.intendedMicros) })
    }

    @Test func rateCurveInvertsItsIntegral() {
        let curve = RateCurve(startRate: 300, endRate: 100, durationSeconds: 10)
        #expect(curve.total == 2000)
        for x in stride(from: 0.0, through: 2000, by: 125) {
            #expect(abs(curve.integral(toSeconds: curve.seconds(atIntegral: x)) - x) < 1e-9 * max(1, x))
        }
        #expect(curve.seconds(atIntegral: 2000) == 10)
    }

    /// The rate at a moment: linear across a ramp, held at its ends outside it.
    @Test(arguments: [(-1.0, 300.0), (0, 300), (2.5, 250), (5, 200), (10, 100), (12, 100)])
    func rateCurveGivesTheRateAtAMoment(seconds: Double, rate: Double) {
        #expect(RateCurve(startRate: 300, endRate: 100, durationSeconds: 10).rate(atSeconds: seconds) == rate)
        #expect(RateCurve(startRate: 40, endRate: 40, durationSeconds: 10).rate(atSeconds: seconds) == 40)
    }
}

/// Which request and rows an open-model arrival uses: a pure function of (seed, k).
@Suite struct ArrivalChoiceTests {
    @Test func theSameSeedAndArrivalChooseTheSameRequestAndRows() {
        let mix = RequestMix(weights: [1, 3, 6])
        for index in [0, 1, 2, 1000, 35_999_999] {
            var a = ArrivalChoice(seed: 9, arrival: index, mix: mix)
            var b = ArrivalChoice(seed: 9, arrival: index, mix: mix)
            #expect(a.requestIndex == b.requestIndex)
            #expect((0..<5).map { _ in a.rows.next() } == (0..<5).map { _ in b.rows.next() })
        }
    }

    @Test func choicesFollowTheWeightsAndTheSeed() {
        let mix = RequestMix(weights: [1, 3])
        let picks = (0..<40_000).map { ArrivalChoice(seed: 4, arrival: $0, mix: mix).requestIndex }
        let second = Double(picks.filter { $0 == 1 }.count)
        #expect(abs(second - 30_000) < 4 * (40_000 * 0.75 * 0.25).squareRoot(), "\(second)")
        let other = (0..<40_000).map { ArrivalChoice(seed: 5, arrival: $0, mix: mix).requestIndex }
        #expect(picks != other)
        // Neighbouring arrivals draw unrelated rows (their streams are not one step apart).
        var first = ArrivalChoice(seed: 4, arrival: 0, mix: mix).rows
        var next = ArrivalChoice(seed: 4, arrival: 1, mix: mix).rows
        _ = next.next()
        #expect(first.next() != next.next())
    }
}
