import LoadRunnerModel
import Testing

/// The pure parts of flows: which flow each user runs, how a pass over the steps goes on after each outcome,
/// and how a flow's iterations are counted.
@Suite struct FlowLogicTests {
    @Test(arguments: [
        ([1], 3, [0, 0, 0]),
        ([1, 1], 4, [0, 1, 0, 1]),
        ([3, 1], 8, [0, 0, 1, 0, 0, 0, 1, 0]),
        ([1, 2], 3, [1, 0, 1]),
        ([2, 1, 1], 4, [0, 1, 2, 0]),
    ] as [([Int], Int, [Int])])
    func usersSplitByWeightInStartOrder(weights: [Int], users: Int, flows: [Int]) {
        let assignment = FlowAssignment(weights: weights, users: users)
        #expect((0..<users).map { assignment.flowIndex(forUser: $0) } == flows)
    }

    @Test func anyFirstUsersMatchTheWeightsAsCloselyAsWholeUsersCan() {
        let weights = [5, 3, 2]
        let assignment = FlowAssignment(weights: weights, users: 1_000)
        for users in 1...1_000 {
            var counts = [0, 0, 0]
            for user in 0..<users { counts[assignment.flowIndex(forUser: user)] += 1 }
            for flow in weights.indices {
                let share = Double(users * weights[flow]) / 10
                #expect(abs(Double(counts[flow]) - share) < 1, "users \(users), flow \(flow): \(counts[flow]) for \(share)")
            }
        }
    }

    @Test func hugeWeightsNeedOnlyAsManyTurnsAsUsers() {
        let assignment = FlowAssignment(weights: [1_000_000, 1_000_000], users: 4)
        #expect((0..<4).map { assignment.flowIndex(forUser: $0) } == [0, 1, 0, 1])
    }

    @Test func aPassRunsEveryStepWhenNoCaptureFails() {
        var pass = FlowPass(steps: [.request(0), .think(.constant(.milliseconds(5))), .request(1)])
        #expect(pass.next() == .request(0))
        pass.requestEnded(failure: .httpStatus)  // any other failure goes on to the next step
        #expect(pass.next() == .think(.constant(.milliseconds(5))))
        #expect(pass.next() == .request(1))
        pass.requestEnded(failure: nil)
        #expect(pass.next() == nil)
        #expect(!pass.skipped)
    }

    @Test(arguments: [FailureCategory.timeout, .httpStatus, .assertion, .connect, .incomplete])
    func otherFailuresGoOn(category: FailureCategory) {
        var pass = FlowPass(steps: [.request(0), .request(1)])
        _ = pass.next()
        pass.requestEnded(failure: category)
        #expect(pass.next() == .request(1))
        #expect(!pass.skipped)
    }

    @Test func aFailedCaptureSkipsTheRestOfThePass() {
        var pass = FlowPass(steps: [.request(0), .request(1), .think(.none), .request(2)])
        #expect(pass.next() == .request(0))
        pass.requestEnded(failure: nil)
        #expect(pass.next() == .request(1))
        pass.requestEnded(failure: .capture)
        #expect(pass.next() == nil)
        #expect(pass.skipped)
    }

    @Test func iterationsAreCountedAndOnlyCompletedOnesTimed() {
        var stats = FlowStats(name: "f")
        stats.recordIteration(startMicros: 1_000, endMicros: 101_000, skipped: false)
        stats.recordIteration(startMicros: 2_000, endMicros: 302_000, skipped: false)
        stats.recordIteration(startMicros: 5_000, endMicros: 6_000, skipped: true)
        var other = FlowStats(name: "f")
        other.recordIteration(startMicros: 0, endMicros: 200_000, skipped: false)
        stats.add(other)
        #expect(stats.iterationsCompleted == 3 && stats.iterationsSkipped == 1)
        #expect(stats.iterationTime.count == 3)
        #expect(stats.iterationTime.minMicros >= 99_950 && stats.iterationTime.minMicros <= 100_000)
        #expect(stats.iterationTime.maxMicros >= 300_000 && stats.iterationTime.maxMicros <= 300_300)
    }
}
