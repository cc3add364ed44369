@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// A loop's lag per second of a stage window, which the saturation rule counts: no threads, no clock.
@Suite struct LoopLagSecondsTests {
    @Test func eachSecondWithEnoughSamplesKeepsItsOwnP99() {
        // Stage 1 from 0 to 2 s; stage 2 from 2 to 5 s with a 1 s warm-up.
        let stages = [
            Stage(users: 1, spawnRate: 1, duration: .seconds(2), warmup: .zero),
            Stage(users: 1, spawnRate: 1, duration: .seconds(3), warmup: .seconds(1)),
        ]
        var recorder = LoopLagRecorder(live: LiveSchedule(StageSchedule(stages: stages)))
        func record(second: Int, count: Int, micros: Int64) {
            for index in 0..<count {
                recorder.recordUser(lateMicros: micros, atMicros: Int64(second) * 1_000_000 + Int64(index) * 1_000)
            }
        }
        record(second: 0, count: 30, micros: 100)
        record(second: 1, count: 30, micros: 5_000)
        record(second: 2, count: 30, micros: 9_000)  // stage 2's warm-up: in no window
        record(second: 3, count: 19, micros: 7_000)  // too few samples for a p99 of its own
        record(second: 4, count: 40, micros: 3_000)  // the second still open when the loop stops
        #expect(recorder.secondsP99(stage: 0).map { $0 / 100 } == [1, 50])
        #expect(recorder.secondsP99(stage: 1).map { $0 / 100 } == [30])
        #expect(recorder.userLag[1].count == 59)
    }
}
