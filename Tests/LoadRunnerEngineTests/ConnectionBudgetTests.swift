@testable import LoadRunnerEngine
import Testing

/// The open-model pool's growth rule without sockets or time: Little's law sizes it, a token bucket paces it.
@Suite struct ConnectionBudgetTests {
    /// The estimate is rate × service time × 2, rounded up, plus 4 spare; before any answer only the spare.
    @Test(arguments: [
        (rate: 1_000.0, serviceMicros: UInt64(10_000), estimate: 24),
        (rate: 200.0, serviceMicros: UInt64(50_000), estimate: 24),
        (rate: 5_000.0, serviceMicros: UInt64(300), estimate: 7),
        (rate: 10.0, serviceMicros: UInt64(1_000), estimate: 5),
    ])
    func theEstimateIsLittlesLaw(rate: Double, serviceMicros: UInt64, estimate: Int) {
        var budget = ConnectionBudget()
        #expect(budget.estimate(ratePerSecond: rate) == ConnectionBudget.spare)
        budget.observe(serviceMicros: serviceMicros)
        #expect(budget.estimate(ratePerSecond: rate) == estimate)
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
    /// connections (the estimate), not one per waiting arrival; then one per ten arrivals.
    @Test func aBacklogOpensABucketfulThenOnePerTenArrivals() {
        var budget = ConnectionBudget()
        budget.observe(serviceMicros: 10_000)
        let estimate = budget.estimate(ratePerSecond: 1_000)
        #expect(estimate == 24)
        for _ in 0..<1_000 { budget.arrivalDue(ratePerSecond: 1_000, poolSize: estimate) }
        var opened = 0
        while budget.takeToken() { opened += 1 }
        #expect(opened == estimate)
        for _ in 0..<35 { budget.arrivalDue(ratePerSecond: 1_000, poolSize: estimate + opened) }
        while budget.takeToken() { opened += 1 }
        #expect(opened == estimate + 3)
    }

    /// Below the estimate every arrival adds a token, so a pool that is too small grows with the arrivals.
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
        arrive(24)
        #expect(pool == 24, "Little's law: 200/s × 50 ms × 2 + 4")
        // Beyond it: the 4 tokens still in the bucket, then one per ten arrivals (40 give 4).
        arrive(44)
        #expect(pool == 24 + 4 + 4)
    }

    /// With no arrivals due nothing accrues: the spare 4 are all there is to open.
    @Test func withoutArrivalsOnlyTheSpareMayOpen() {
        var budget = ConnectionBudget()
        var opened = 0
        while budget.takeToken() { opened += 1 }
        #expect(opened == ConnectionBudget.spare)
    }
}
