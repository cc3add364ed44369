import LoadRunnerModel
import Testing

/// The schedule as a pure function of time: tables, no clock.
@Suite struct ScheduleTests {
    let schedule = StageSchedule(stages: [
        Stage(users: 1, spawnRate: 1, duration: .seconds(10), warmup: .seconds(2)),
        Stage(users: 10, spawnRate: 5, duration: .seconds(10), warmup: .seconds(3)),
        Stage(users: 4, spawnRate: 2, duration: .seconds(5), warmup: .zero),
    ])

    @Test(arguments: [
        (0.0, 1), (9.99, 1),
        (10.0, 2), (10.19, 2), (10.2, 3), (10.5, 4), (11.0, 7), (11.79, 10), (15.0, 10),
        (20.0, 9), (20.49, 9), (20.5, 8), (21.0, 7), (21.5, 6), (22.0, 5), (24.99, 4),
        (25.0, 0), (100.0, 0), (-1.0, 0),
    ])
    func usersFollowLocustSpawnSemantics(seconds: Double, users: Int) {
        #expect(schedule.users(atMicros: Int64(seconds * 1_000_000)) == users)
    }

    @Test func slotsCarryTheirWindows() {
        #expect(schedule.totalMicros == 25_000_000)
        #expect(schedule.peakUsers == 10)
        let second = schedule.slots[1]
        #expect(second.startMicros == 10_000_000)
        #expect(second.windowStartMicros == 13_000_000)
        #expect(second.endMicros == 20_000_000)
        #expect(second.startUsers == 1)
        #expect(schedule.slot(atMicros: 19_999_999)?.index == 1)
        #expect(schedule.slot(atMicros: 20_000_000)?.index == 2)
        #expect(schedule.slot(atMicros: 25_000_000) == nil)
    }

    @Test func endingAStageEarlyMovesTheLaterStagesEarlier() {
        let ended = schedule.endingStage(1, atMicros: 12_000_000)
        #expect(ended.slots[0] == schedule.slots[0])
        #expect(ended.slots[1].endMicros == 12_000_000)
        #expect(ended.slots[1].windowStartMicros == 12_000_000)  // inside its warm-up: an empty window
        #expect(ended.slots[2].startMicros == 12_000_000)
        #expect(ended.slots[2].endMicros == 17_000_000)
        #expect(ended.totalMicros == 17_000_000)
        #expect(ended.users(atMicros: 12_000_000) == 9)
        #expect(schedule.endingStage(1, atMicros: 20_000_000) == schedule)
        #expect(schedule.endingStage(1, atMicros: 30_000_000) == schedule)
        #expect(schedule.endingStage(7, atMicros: 1) == schedule)
        #expect(schedule.endingStage(2, atMicros: 5_000_000).slots[2].endMicros == 20_000_000)
    }

    @Test func nextChangeIsWhenTheUserCountMovesOrTheStageEnds() {
        #expect(schedule.nextChange(afterMicros: 0) == 10_000_000)
        #expect(schedule.nextChange(afterMicros: 10_000_000) == 10_200_000)
        #expect(schedule.nextChange(afterMicros: 10_300_000) == 10_400_000)
        #expect(schedule.nextChange(afterMicros: 15_000_000) == 20_000_000)
        #expect(schedule.nextChange(afterMicros: 22_000_000) == 22_500_000)
        #expect(schedule.nextChange(afterMicros: 23_000_000) == nil)
    }

    @Test func requestMixFollowsTheWeights() {
        let mix = RequestMix(weights: [1, 3])
        var random = RandomSource(seed: 42)
        var counts = [0, 0]
        for _ in 0..<40_000 { counts[mix.pick(using: &random)] += 1 }
        #expect(abs(Double(counts[1]) / 40_000 - 0.75) < 0.01)
    }

    @Test func thinkTimes() {
        var random = RandomSource(seed: 1)
        #expect(ThinkTime.none.delayMicros(requestStartMicros: 0, requestEndMicros: 5, random: &random) == 0)
        #expect(ThinkTime.constant(.milliseconds(250)).delayMicros(requestStartMicros: 0, requestEndMicros: 5, random: &random) == 250_000)
        #expect(ThinkTime.pacing(.seconds(1)).delayMicros(requestStartMicros: 100, requestEndMicros: 300_100, random: &random) == 700_000)
        #expect(ThinkTime.pacing(.seconds(1)).delayMicros(requestStartMicros: 0, requestEndMicros: 2_000_000, random: &random) == 0)
        for _ in 0..<1_000 {
            let delay = ThinkTime.between(.seconds(1), .seconds(3)).delayMicros(requestStartMicros: 0, requestEndMicros: 0, random: &random)
            #expect((1_000_000...3_000_000).contains(delay))
        }
    }
}
