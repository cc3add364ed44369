@testable import LoadRunnerEngine
import Testing

/// The open-model pool's growth rule without sockets or time: Little's law sizes it, a token bucket paces it.
@Suite struct ConnectionBudgetTests {
    private static let spare = ConnectionBudget.spare

    /// The estimate is rate × service time × 2, rounded up (`busy`), plus the spare; before any answer only the spare.
    @Test(arguments: [
        (rate: 1_000.0, serviceMicros: UInt64(10_000), busy: 20),
        (rate: 200.0, serviceMicros: UInt64(50_000), busy: 20),
        (rate: 5_000.0, serviceMicros: UInt64(300), busy: 3),
        (rate: 10.0, serviceMicros: UInt64(1_000), busy: 1),
    ])
    func theEstimateIsLittlesLaw(rate: Double, serviceMicros: UInt64, busy: Int) {
        var budget = ConnectionBudget()
        #expect(budget.estimate(ratePerSecond: rate) == Self.spare)
        budget.observe(serviceMicros: serviceMicros)
        #expect(budget.estimate(ratePerSecond: rate) == busy + Self.spare)
    }

    /// The first answer sets the service time; each later one moves it an eighth of the way.
    @Test func theServiceTimeIsSmoothed() {
        var budget = ConnectionBudget()
        budget.observe(serviceMicros: 8_000)
        #expect(budget.serviceMicros == 8_000)
        budget.observe(serviceMicros: 16_000)
        #expect(budget.serviceMicros == 9_000)
    }

    /// A backlog of 1,000 arrivals due at once, with the pool at its estimate, allows a bucketful of new
    /// connections (the spare), not one per waiting arrival; then one per ten arrivals.
    @Test func aBacklogOpensABucketfulThenOnePerTenArrivals() {
        var budget = ConnectionBudget()
        budget.observe(serviceMicros: 10_000)
        let estimate = budget.estimate(ratePerSecond: 1_000)
        #expect(estimate == 20 + Self.spare)
        for _ in 0..<1_000 { budget.arrivalDue(ratePerSecond: 1_000, poolSize: estimate) }
        var opened = 0
        while budget.takeToken() { opened += 1 }
        #expect(opened == Self.spare)
        for _ in 0..<35 { budget.arrivalDue(ratePerSecond: 1_000, poolSize: estimate + opened) }
        while budget.takeToken() { opened += 1 }
        #expect(opened == Self.spare + 3)
    }

    /// Arrivals the loop admitted more than 10 ms late (the generator is behind) add no token, however far below
    /// the estimate the pool is: only the spare may open.
    @Test func lateAdmissionsAddNothing() {
        var budget = ConnectionBudget()
        budget.observe(serviceMicros: 4_000_000)
        var opened = 0
        for _ in 0..<1_000 {
            budget.arrivalDue(ratePerSecond: 1_250, poolSize: opened, lateMicros: 10_001)
            if budget.takeToken() { opened += 1 }
        }
        #expect(opened == Self.spare)
        budget.arrivalDue(ratePerSecond: 1_250, poolSize: opened, lateMicros: 10_000)
        let onTimeOpens = budget.takeToken()
        #expect(onTimeOpens, "an arrival admitted within 10 ms adds a token again")
    }

    /// Below the estimate every arrival adds a token, so a pool that is too small grows with the arrivals; beyond
    /// it the tokens still in the bucket (the spare), then one per ten arrivals.
    @Test func belowTheEstimateEachArrivalMayOpenOne() {
        var budget = ConnectionBudget()
        budget.observe(serviceMicros: 50_000)
        var pool = 0
        func arrive(_ count: Int) {
            for _ in 0..<count {
                budget.arrivalDue(ratePerSecond: 200, poolSize: pool)
                if budget.takeToken() { pool += 1 }
            }
        }
        let estimate = 20 + Self.spare
        arrive(estimate)
        #expect(pool == estimate, "Little's law: 200/s × 50 ms × 2, plus the spare")
        arrive(100)
        // 32 + 99 tenths: the first of the 100 finds the bucket full, so its tenth is lost.
        #expect(pool == estimate + Self.spare + 9)
    }

    /// With no arrivals due nothing accrues: the spare is all there is to open.
    @Test func withoutArrivalsOnlyTheSpareMayOpen() {
        var budget = ConnectionBudget()
        var opened = 0
        while budget.takeToken() { opened += 1 }
        #expect(opened == Self.spare)
    }
}
