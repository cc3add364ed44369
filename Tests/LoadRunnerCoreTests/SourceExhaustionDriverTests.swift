import LoadRunnerModel
import Testing

/// The driver ends a stage whose `unique` data source ran out of rows like a stage whose count is spent: no one
/// starts, and the stage ends when its last user has left; the next stage begins with the flag cleared.
@Suite struct SourceExhaustionDriverTests {
    typealias Row = RunDriverTests.Row

    static func at(
        _ seconds: Double, _ schedule: StageSchedule, occupied: Int = 0, left: Int? = nil, exhausted: Bool = false
    ) -> RunDriver.Input {
        RunDriver.Input(
            nowMicros: RunDriverTests.micros(seconds), schedule: schedule, occupiedSlots: occupied, requestsLeft: left,
            sourceExhausted: exhausted)
    }

    /// 4 users for 10 s, then 2 users for 5 s.
    let stages = StageSchedule(stages: [
        Stage(users: 4, spawnRate: 100, duration: .seconds(10), warmup: .zero),
        Stage(users: 2, spawnRate: 100, duration: .seconds(5), warmup: .zero),
    ])

    @Test func aStageOutOfRowsEndsOnceItsUsersHaveLeftAndTheNextBeginsAfresh() {
        let ended = stages.endingStage(0, atMicros: 1_005_000)
        let later = ended.users(atMicros: 1_005_000)
        let driver = RunDriverTests.play([
            Row(input: Self.at(0.5, stages, occupied: 4), commands: [.setRequestLimit(nil), .setTargetUsers(4), .startUsers(upTo: 4)],
                wake: .atMicros(550_000)),
            // Out of rows: no one starts; wait for the users still finishing their requests.
            Row(input: Self.at(1, stages, occupied: 3, exhausted: true), commands: [.setTargetUsers(4)], wake: .atMicros(1_005_000)),
            Row(input: Self.at(1.005, stages, exhausted: true),
                commands: [.setTargetUsers(4), .endStage(0, atMicros: 1_005_000)], wake: .immediately),
            // The flag read with the step that begins stage 2 is stage 1's: stage 2 starts its users.
            Row(input: Self.at(1.005, ended, exhausted: true),
                commands: [.setRequestLimit(nil), .setTargetUsers(later), .startUsers(upTo: later)],
                wake: .atMicros(min(ended.nextChange(afterMicros: 1_005_000) ?? ended.totalMicros, 1_055_000))),
            // Its first request that needs a row finds none: stage 2 ends too, and with it the run.
            Row(input: Self.at(1.01, ended, exhausted: true),
                commands: [.setTargetUsers(ended.users(atMicros: 1_010_000)), .endStage(1, atMicros: 1_010_000)],
                wake: .immediately),
        ])
        #expect(driver.stageCounts.isEmpty)
    }

    @Test func aCountedStageOutOfRowsRecordsWhatItSent() {
        let counted = StageSchedule(stages: [Stage(users: 1, spawnRate: 1, duration: .seconds(10), warmup: .zero, requestLimit: 100)])
        let driver = RunDriverTests.play([
            Row(input: Self.at(0, counted), commands: [.setRequestLimit(100), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(10_000)),
            Row(input: Self.at(1, counted, left: 50, exhausted: true),
                commands: [.setTargetUsers(1), .endStage(0, atMicros: 1_000_000)], wake: .immediately),
        ])
        #expect(driver.stageCounts == [0: StageCount(limit: 100, sent: 50)])
    }
}
