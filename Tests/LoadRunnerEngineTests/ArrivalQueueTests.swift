@testable import LoadRunnerEngine
import LoadRunnerModel
import Testing

/// The pieces of open-model dispatch that need no socket: the loop's FIFO of waiting arrivals and how
/// `max_connections` and the arrivals are split between loops.
@Suite struct ArrivalQueueTests {
    /// Arrivals leave in the order they came, across the ring's wrap and its growth.
    @Test func theQueueIsFirstInFirstOutAcrossWrapsAndGrowth() {
        var queue = ArrivalQueue()
        var expected: [Int] = []
        var next = 0
        // Keep 40 waiting while 1,000 pass (the ring wraps many times), then hold 300 (it grows twice).
        for round in 0..<1_000 {
            queue.append(QueuedArrival(index: next, intendedMicros: Int64(next)))
            expected.append(next)
            next += 1
            if round >= 40 { #expect(queue.removeFirst()?.index == expected.removeFirst()) }
        }
        for _ in 0..<300 {
            queue.append(QueuedArrival(index: next, intendedMicros: Int64(next)))
            expected.append(next)
            next += 1
        }
        #expect(queue.count == expected.count && queue.first?.index == expected.first)
        var drained: [Int] = []
        while let arrival = queue.removeFirst() { drained.append(arrival.index) }
        #expect(drained == expected && queue.isEmpty && queue.first == nil)
    }

    /// `max_connections` split over the loops that dispatch: evenly, the first loops taking the remainder; fewer
    /// connections than loops leaves the loops beyond without arrivals (k mod dispatching loops).
    @Test(arguments: [(10, 4, [3, 3, 2, 2]), (2, 3, [1, 1, 0]), (10_000, 1, [10_000]), (1, 8, [1, 0, 0, 0, 0, 0, 0, 0])])
    func theConnectionCapIsSplitBetweenDispatchingLoops(cap: Int, loops: Int, shares: [Int]) throws {
        let open = OpenArrivals(
            plan: ArrivalPlan(stages: [Stage(rate: ArrivalRate(perSecond: 10), duration: .seconds(1))], seed: 1), plans: [], sources: [], mix: RequestMix(weights: [1]),
            settings: TransferSettings(
                timeoutMillis: 1_000, connectTimeoutMillis: 1_000, http2: false, https: false, insecure: false, userAgent: "t"),
            seed: 1, maxLagMicros: 1_000_000, maxConnections: cap, loops: loops)
        #expect((0..<loops).map { open.connections(ofLoop: $0) } == shares)
        #expect(open.dispatchingLoops == shares.filter { $0 > 0 }.count)
    }
}

