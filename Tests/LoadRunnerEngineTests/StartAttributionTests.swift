@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// Where a loop's recorder puts a request: in the stage window and the second it started in, whenever it
/// ended. No sockets, no clock.
@Suite struct StartAttributionTests {
    /// Stage 1 from 0 to 2 s; stage 2 from 2 to 4 s with a 1 s warm-up.
    static func recorder() -> LoopRecorder {
        let stages = [
            Stage(users: 1, spawnRate: 1, duration: .seconds(2), warmup: .zero),
            Stage(users: 1, spawnRate: 1, duration: .seconds(2), warmup: .seconds(1)),
        ]
        let request = RequestSpec(
            name: "get", method: "GET", path: .literal("/"), query: [], headers: [], body: nil, weight: 1,
            expect: .defaultSuccess)
        return LoopRecorder(live: LiveSchedule(StageSchedule(stages: stages)), requests: [request])
    }

    static func outcome(micros: UInt64, failure: RequestFailure? = nil) -> RequestOutcome {
        RequestOutcome(status: 200, bodyBytes: 10, newConnections: 0, timing: TransferTiming(totalMicros: micros), failure: failure)
    }

    /// (start s, end s) -> requests in stage 1's and stage 2's windows.
    @Test(arguments: [
        (0.5, 0.6, [1, 0]),   // within stage 1
        (1.5, 2.5, [1, 0]),   // ends in stage 2's warm-up: still stage 1's
        (1.9, 3.5, [1, 0]),   // ends in stage 2's window: still stage 1's
        (2.5, 3.5, [0, 0]),   // starts in stage 2's warm-up: in no window
        (3.5, 4.5, [0, 1]),   // starts in stage 2's window, ends after the run
    ])
    func aRequestCountsInTheWindowItStartedIn(start: Double, end: Double, counts: [UInt64]) {
        var recorder = Self.recorder()
        recorder.record(
            requestIndex: 0, outcome: Self.outcome(micros: UInt64((end - start) * 1_000_000)),
            startMicros: Int64(start * 1_000_000), atMicros: Int64(end * 1_000_000))
        #expect(recorder.windowStats.map { $0[0].requests } == counts)
    }

    @Test func aRequestCountsInTheSecondItStartedIn() {
        var recorder = Self.recorder()
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 1_300_000), startMicros: 1_200_000, atMicros: 2_500_000)
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 100_000), startMicros: 2_400_000, atMicros: 2_500_000)
        var delivered: [Int: UInt64] = [:]
        recorder.rollOver(toSecond: 3) { delivered[$0.second] = $0.requests[0].requests }
        #expect(delivered == [0: 0, 1: 1, 2: 1])
        // The rows are reused: a later second starts empty.
        recorder.rollOver(toSecond: 4) { delivered[$0.second] = $0.requests[0].requests }
        #expect(delivered[3] == 0)
    }

    /// A request that started just as the load ended (at 3.0003 s of a 3 s load) is folded into the last
    /// second when the loop stops, not dropped: every request sent is in the series.
    @Test func aRequestStartedAfterTheLoadsEndCountsInTheLastSecond() {
        var recorder = Self.recorder()
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 100_000), startMicros: 2_500_000, atMicros: 2_600_000)
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 100_000), startMicros: 3_000_300, atMicros: 3_100_300)
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 100_000), startMicros: 4_200_000, atMicros: 4_300_000)
        var delivered: [Int: UInt64] = [:]
        recorder.rollOverAtEnd(finalSecond: 3) { delivered[$0.second] = $0.requests[0].requests }
        #expect(delivered == [0: 0, 1: 0, 2: 3])
    }

    @Test func anIncompleteRequestIsAFailureWithItsAgeAndNoLatency() {
        var recorder = Self.recorder()
        let failure = RequestFailure(category: .incomplete, message: "no response")
        recorder.record(
            requestIndex: 0, outcome: Self.outcome(micros: 0, failure: failure), startMicros: 500_000, atMicros: 2_000_000)
        recorder.record(
            requestIndex: 0, outcome: Self.outcome(micros: 0, failure: failure), startMicros: 1_000_000, atMicros: 2_000_000)
        let stats = recorder.windowStats[0][0]
        #expect(stats.requests == 2 && stats.failures == 2)
        #expect(stats.failuresByCategory == [.incomplete: 2])
        #expect(stats.latency.count == 0)
        let tally = recorder.failures[FailureKey(requestIndex: 0, failure: failure)]
        #expect(tally?.count == 2)
        #expect(tally?.longestAgeMicros == 1_500_000)
        #expect(Messages.noResponse(afterMicros: 1_500_000, count: 2) == "no response after up to 1.50 s")
        #expect(Messages.noResponse(afterMicros: 1_523_000, count: 1) == "no response after 1.52 s")
    }

    @Test func lagIsRecordedInTheStartWindowOnly() {
        var recorder = Self.recorder()
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 1_000), startMicros: 500_000, atMicros: 501_000, lagMicros: 150_000)
        recorder.record(requestIndex: 0, outcome: Self.outcome(micros: 1_000), startMicros: 600_000, atMicros: 601_000)
        let stats = recorder.windowStats[0][0]
        #expect(stats.requests == 2)
        #expect(stats.lag?.count == 1)
        #expect(stats.lateStarts == 1)
        #expect(recorder.windowStats[1][0].lag == nil)
    }
}
