import LoadRunnerModel
import Testing

/// The schedule driver as a pure state machine: each table row is what the engine sees at one step and what
/// the driver answers. No clock, no users.
@Suite struct RunDriverTests {
    /// One step of a table: the engine's view, then the commands and wake-up expected.
    struct Row {
        var input: RunDriver.Input
        var commands: [DriverCommand]
        var wake: RunDriver.Wake
        /// The verdict to hand back after this step (only when it asked to judge a stage).
        var failure: String?
    }

    /// Runs the rows in order on one driver; returns it for checks on its book-keeping.
    @discardableResult
    static func play(_ rows: [Row], judgesThresholds: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> RunDriver {
        var driver = RunDriver(judgesThresholds: judgesThresholds)
        for (number, row) in rows.enumerated() {
            let step = driver.step(row.input)
            #expect(step.commands == row.commands, "row \(number)", sourceLocation: sourceLocation)
            #expect(step.wake == row.wake, "row \(number)", sourceLocation: sourceLocation)
            if step.commands.contains(where: { if case .judgeThresholds = $0 { true } else { false } }) {
                driver.judged(failure: row.failure)
            }
        }
        return driver
    }

    static func at(
        _ seconds: Double, _ schedule: StageSchedule, occupied: Int = 0, left: Int? = nil, stop: Bool = false,
        abort: Bool = false
    ) -> RunDriver.Input {
        RunDriver.Input(
            nowMicros: micros(seconds), schedule: schedule, occupiedSlots: occupied, requestsLeft: left,
            stopRequested: stop, abortRequested: abort)
    }

    static func micros(_ seconds: Double) -> Int64 { Int64((seconds * 1_000_000).rounded()) }

    /// 4 users at 2/s for 10 s, then down to 2 at 1/s for 5 s.
    let ramp = StageSchedule(stages: [
        Stage(users: 4, spawnRate: 2, duration: .seconds(10), warmup: .seconds(2)),
        Stage(users: 2, spawnRate: 1, duration: .seconds(5), warmup: .zero),
    ])

    @Test func rampsFollowTheScheduleAndWakeAtTheNextChangeOrPoll() {
        Self.play([
            Row(input: Self.at(0, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(50_000)),
            Row(input: Self.at(0.49, ramp), commands: [.setTargetUsers(1), .startUsers(upTo: 1)], wake: .atMicros(500_000)),
            Row(input: Self.at(0.5, ramp), commands: [.setTargetUsers(2), .startUsers(upTo: 2)], wake: .atMicros(550_000)),
            Row(input: Self.at(1.6, ramp), commands: [.setTargetUsers(4), .startUsers(upTo: 4)], wake: .atMicros(1_650_000)),
            Row(input: Self.at(9.99, ramp), commands: [.setTargetUsers(4), .startUsers(upTo: 4)], wake: .atMicros(10_000_000)),
            // The next stage: its budget (none) is armed, one user leaves at once, the next a second later.
            Row(input: Self.at(10, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(3), .startUsers(upTo: 3)],
                wake: .atMicros(10_050_000)),
            Row(input: Self.at(11, ramp), commands: [.setTargetUsers(2), .startUsers(upTo: 2)], wake: .atMicros(11_050_000)),
            Row(input: Self.at(14.98, ramp), commands: [.setTargetUsers(2), .startUsers(upTo: 2)], wake: .atMicros(15_000_000)),
        ])
    }

    @Test func theLastStagesEndStopsTheLoadAtTheScheduledEnd() {
        let driver = Self.play([
            Row(input: Self.at(14.99, ramp), commands: [.judgeThresholds(stage: 0)], wake: .immediately),
            Row(input: Self.at(14.99, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(2), .startUsers(upTo: 2)],
                wake: .atMicros(15_000_000)),
            // Woken late: the run still ends where the schedule ends. The last stage is not judged here.
            Row(input: Self.at(15.02, ramp), commands: [.stopLoad(atMicros: 15_000_000, reason: .scheduleEnded)], wake: .never),
            Row(input: Self.at(15.1, ramp), commands: [], wake: .never),
        ], judgesThresholds: true)
        #expect(driver.isFinished)
        #expect(driver.stageCounts.isEmpty)
    }

    @Test func aStageWhoseWindowEndsIsJudgedOnceThenTheLoadGoesOn() {
        Self.play([
            Row(input: Self.at(9.99, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(4), .startUsers(upTo: 4)],
                wake: .atMicros(10_000_000)),
            Row(input: Self.at(10, ramp), commands: [.judgeThresholds(stage: 0)], wake: .immediately, failure: nil),
            Row(input: Self.at(10, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(3), .startUsers(upTo: 3)],
                wake: .atMicros(10_050_000)),
            Row(input: Self.at(10.05, ramp), commands: [.setTargetUsers(3), .startUsers(upTo: 3)], wake: .atMicros(10_100_000)),
        ], judgesThresholds: true)
    }

    @Test func withoutAbortingThresholdsNoStageIsJudged() {
        Self.play([
            Row(input: Self.at(10.5, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(3), .startUsers(upTo: 3)],
                wake: .atMicros(10_550_000)),
        ])
    }

    /// The verdict came late (the driver woke 30 ms after the stage's end): the run ends at the failing
    /// stage's end all the same, and the next stage, barely begun, is not reported.
    @Test func aFailingWindowStopsTheLoadAtItsStagesEnd() {
        Self.play([
            Row(input: Self.at(10.03, ramp), commands: [.judgeThresholds(stage: 0)], wake: .immediately, failure: "p95 failed"),
            Row(input: Self.at(10.03, ramp), commands: [.stopLoad(atMicros: 10_000_000, reason: .thresholdFailed("p95 failed"))],
                wake: .never),
        ], judgesThresholds: true)
    }

    @Test func severalWindowsEndedWhileAsleepAreJudgedInTurnUntilOneFails() {
        let three = StageSchedule(stages: [
            Stage(users: 1, spawnRate: 1, duration: .seconds(1), warmup: .zero),
            Stage(users: 1, spawnRate: 1, duration: .seconds(1), warmup: .zero),
            Stage(users: 1, spawnRate: 1, duration: .seconds(1), warmup: .zero),
        ])
        Self.play([
            Row(input: Self.at(2.5, three), commands: [.judgeThresholds(stage: 0)], wake: .immediately, failure: nil),
            Row(input: Self.at(2.5, three), commands: [.judgeThresholds(stage: 1)], wake: .immediately, failure: "rps failed"),
            Row(input: Self.at(2.5, three), commands: [.stopLoad(atMicros: 2_000_000, reason: .thresholdFailed("rps failed"))],
                wake: .never),
        ], judgesThresholds: true)
    }

    @Test func aStopRequestStopsTheLoadAtOnce() {
        Self.play([
            Row(input: Self.at(3, ramp), commands: [.setRequestLimit(nil), .setTargetUsers(4), .startUsers(upTo: 4)],
                wake: .atMicros(3_050_000)),
            Row(input: Self.at(3.05, ramp, occupied: 4, stop: true),
                commands: [.stopLoad(atMicros: 3_050_000, reason: .stopRequested)], wake: .never),
        ])
    }

    /// A required action failed: the load stops now, once a window that just ended has its verdict.
    @Test func anAbortRequestStopsTheLoadAtOnce() {
        Self.play([
            Row(input: Self.at(10.2, ramp, abort: true), commands: [.judgeThresholds(stage: 0)], wake: .immediately),
            Row(input: Self.at(10.2, ramp, abort: true), commands: [.stopLoad(atMicros: 10_200_000, reason: .abortRequested)],
                wake: .never),
        ], judgesThresholds: true)
    }

    /// 100 requests with 2 users (10/s), then 1 user for 5 s.
    let counted = StageSchedule(stages: [
        Stage(users: 2, spawnRate: 10, duration: .seconds(10), warmup: .zero, requestLimit: 100),
        Stage(users: 1, spawnRate: 1, duration: .seconds(5), warmup: .zero),
    ])

    @Test func aCountedStageThatEndsEarlyMovesTheLaterStagesEarlier() {
        let ended = counted.endingStage(0, atMicros: 2_005_000)
        let driver = Self.play([
            // Arms the budget once, polls faster while a count runs.
            Row(input: Self.at(0, counted), commands: [.setRequestLimit(100), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(10_000)),
            Row(input: Self.at(0.01, counted, occupied: 1, left: 99), commands: [.setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(20_000)),
            Row(input: Self.at(0.1, counted, occupied: 1, left: 90), commands: [.setTargetUsers(2), .startUsers(upTo: 2)],
                wake: .atMicros(110_000)),
            // Spent: no one starts; wait for the users still finishing.
            Row(input: Self.at(2, counted, occupied: 2, left: 0), commands: [.setTargetUsers(2)], wake: .atMicros(2_005_000)),
            Row(input: Self.at(2.005, counted, occupied: 0, left: 0),
                commands: [.setTargetUsers(2), .endStage(0, atMicros: 2_005_000)], wake: .immediately),
            // The engine ended the stage: the next stage starts now and the run ends 8 s early.
            Row(input: Self.at(2.005, ended, left: 0), commands: [.setRequestLimit(nil), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(2_055_000)),
            Row(input: Self.at(7.005, ended), commands: [.stopLoad(atMicros: 7_005_000, reason: .scheduleEnded)], wake: .never),
        ])
        #expect(driver.stageCounts == [0: StageCount(limit: 100, sent: 100)])
        #expect(driver.stageCounts[0]?.reached == true)
    }

    @Test func aCountedStageThatRunsOutOfTimeRecordsWhatItSent() {
        let driver = Self.play([
            Row(input: Self.at(0, counted), commands: [.setRequestLimit(100), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(10_000)),
            Row(input: Self.at(10, counted, occupied: 2, left: 40),
                commands: [.setRequestLimit(nil), .setTargetUsers(1), .startUsers(upTo: 1)], wake: .atMicros(10_050_000)),
        ])
        #expect(driver.stageCounts == [0: StageCount(limit: 100, sent: 60)])
        #expect(driver.stageCounts[0]?.reached == false)
    }

    @Test func aStopDuringACountedStageRecordsWhatItSent() {
        let driver = Self.play([
            Row(input: Self.at(0, counted), commands: [.setRequestLimit(100), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(10_000)),
            Row(input: Self.at(3, counted, occupied: 2, left: 70, stop: true),
                commands: [.stopLoad(atMicros: 3_000_000, reason: .stopRequested)], wake: .never),
        ])
        #expect(driver.stageCounts == [0: StageCount(limit: 100, sent: 30)])
    }

    @Test func aZeroUserStageLetsEveryUserLeaveAndStartsNoOne() {
        let schedule = StageSchedule(stages: [
            Stage(users: 2, spawnRate: 100, duration: .seconds(1), warmup: .zero),
            Stage(users: 0, spawnRate: 100, duration: .seconds(1), warmup: .zero),
            Stage(users: 1, spawnRate: 100, duration: .seconds(1), warmup: .zero),
        ])
        Self.play([
            Row(input: Self.at(1, schedule, occupied: 2), commands: [.setRequestLimit(nil), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(1_010_000)),
            Row(input: Self.at(1.01, schedule, occupied: 1), commands: [.setTargetUsers(0), .startUsers(upTo: 0)],
                wake: .atMicros(1_060_000)),
            Row(input: Self.at(1.96, schedule), commands: [.setTargetUsers(0), .startUsers(upTo: 0)], wake: .atMicros(2_000_000)),
            Row(input: Self.at(2, schedule), commands: [.setRequestLimit(nil), .setTargetUsers(1), .startUsers(upTo: 1)],
                wake: .atMicros(2_050_000)),
        ])
    }

    @Test func aRunWithoutStagesStopsAtOnce() {
        Self.play([
            Row(input: Self.at(0, StageSchedule(stages: [])), commands: [.stopLoad(atMicros: 0, reason: .scheduleEnded)],
                wake: .never),
        ], judgesThresholds: true)
    }

    /// An open stage with `requests: N` lasts as long as its N arrivals take (its plan): no users spend a budget,
    /// so none is armed, the stage ends by time, and it records no count of its own.
    @Test func anOpenStageWithACountArmsNoBudget() {
        let open = StageSchedule(stages: [
            Stage(rate: ArrivalRate(perSecond: 10), duration: .seconds(60), requestLimit: 20),
        ])
        let driver = Self.play([
            Row(input: Self.at(0, open), commands: [.setRequestLimit(nil), .setTargetUsers(0), .startUsers(upTo: 0)],
                wake: .atMicros(50_000)),
            Row(input: Self.at(1.99, open), commands: [.setTargetUsers(0), .startUsers(upTo: 0)], wake: .atMicros(2_000_000)),
            Row(input: Self.at(2, open), commands: [.stopLoad(atMicros: 2_000_000, reason: .scheduleEnded)], wake: .never),
        ])
        #expect(driver.stageCounts.isEmpty)
    }
}
