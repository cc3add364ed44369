@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// Which stage ends a request was in flight at, from its start and end alone: no sockets, no clock.
@Suite struct InFlightAccountingTests {
    /// Stages of 2 s, 3 s and 1 s: ends at 2 s, 5 s and 6 s.
    static func recorder() -> LoopRecorder {
        let stages = [2, 3, 1].map { Stage(users: 1, spawnRate: 1, duration: .seconds($0), warmup: .zero) }
        let request = RequestSpec(
            name: "get", method: "GET", path: .literal("/"), query: [], headers: [], body: nil, weight: 1,
            expect: .defaultSuccess)
        return LoopRecorder(live: LiveSchedule(StageSchedule(stages: stages)), requests: [request])
    }

    /// (start s, end s, abandoned) -> per stage: (count, longest µs).
    @Test(arguments: [
        (0.5, 1.5, false, [0, 0, 0], [0, 0, 0]),                        // within stage 1
        (1.5, 2.5, false, [1, 0, 0], [500_000, 0, 0]),                  // across the end of stage 1
        (1.0, 5.5, false, [1, 1, 0], [1_000_000, 4_000_000, 0]),        // across two ends
        (2.0, 5.0, false, [0, 1, 0], [0, 3_000_000, 0]),                // ends exactly at stage 2's end: counted
        (4.0, 4.5, true, [0, 1, 0], [0, 500_000, 0]),                   // abandoned: the run ended at 4.5 s, in stage 2
        (1.0, 6.2, true, [1, 1, 1], [1_000_000, 4_000_000, 5_000_000]), // abandoned after the last stage's end
    ])
    func aRequestCountsAtEveryStageEndItSpanned(
        start: Double, end: Double, abandoned: Bool, counts: [Int], longest: [Int64]
    ) {
        var recorder = Self.recorder()
        recorder.recordInFlight(
            requestIndex: 0, startMicros: Int64(start * 1_000_000), untilMicros: Int64(end * 1_000_000), abandoned: abandoned)
        #expect(recorder.inFlightAtEnd.map { $0[0].count } == counts)
        #expect(recorder.inFlightAtEnd.map { $0[0].longestMicros } == longest)
    }
}
