import Foundation
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Why an open stage of `OpenReportFixtures` fell behind, worked out by hand: stage 2 had 7 arrivals due in its
/// 1 s window and answered 4 of them in 150 ms each (HdrHistogram's mean of that bucket: 149,952 µs), so Little's
/// law explains 7/s × 0.149952 s ≈ 1.05 connections.
@Suite struct OpenStageCauseTests {
    let result = OpenReportFixtures.result()

    @Test func littlesLawExplainsTheConnectionsTheTargetHeld() throws {
        let figures = try #require(OpenStageFigures(result.stages[1]))
        #expect(figures.offeredPerSecond == 7)
        let explained = try #require(figures.explainedConnections)
        #expect(abs(explained - 7 * 0.15) < 0.01, "\(explained)")
    }

    /// The rule's edge: the target's doing while 1.05 ≥ cap / 4, that is up to a cap of 4; from 5 on the pool could
    /// have served four times the rate at the target's speed, so a full pool is the generator's.
    @Test(arguments: [(cap: 2, cause: OpenStageFigures.Cause.poolAtCap), (4, .poolAtCap), (5, .generatorStarved), (50, .generatorStarved)])
    func aFullPoolIsTheTargetsOnlyWhenItsServiceTimeExplainsIt(cap: Int, cause: OpenStageFigures.Cause) throws {
        var stage = result.stages[1]
        stage.open?.maxConnections = cap
        let figures = try #require(OpenStageFigures(stage))
        #expect(figures.cause == cause)
    }

    @Test func aStarvedGeneratorMakesTheStageInvalid() throws {
        var result = result
        result.stages[1].open?.maxConnections = 50
        let message = try #require(ReportWarning.warnings(for: result).last).message
        #expect(message.hasSuffix("1 sent but never answered. Every connection of max_connections (50) was busy (peak 2 "
            + "in flight), yet the target's service time explains only 1.0 of them (Little's law: 7/s × 149.95 ms mean "
            + "service): the generator did not read the answers fast enough, the target was not the limit. The stage is "
            + "invalid, its latencies measure the generator; run more curl loops (--loops), lower the rate, or give the "
            + "generator more CPUs."), "\(message)")
    }

    /// Nothing answered: no service time says otherwise, so the target held every connection.
    @Test func aFullPoolWithNothingAnsweredIsTheTargets() throws {
        var stage = result.stages[1]
        stage.open?.maxConnections = 50
        stage.aggregated.service = nil
        let figures = try #require(OpenStageFigures(stage))
        #expect(figures.explainedConnections == nil && figures.cause == .poolAtCap)
    }

    @Test func aPoolStillGrowingSaysSoAndWhatToDo() throws {
        var result = result
        result.stages[1].open?.reachedMaxConnections = false
        result.stages[1].open?.waitedForPoolGrowth = 3
        let figures = try #require(OpenStageFigures(result.stages[1]))
        #expect(figures.cause == .poolGrowing)
        #expect(ReportWarning.openStageBehind(figures).message.hasSuffix("1 sent but never answered. The pool was still "
            + "growing at its paced rate: 3 arrivals waited while it opened connections (1 opened, peak 2 in flight; it "
            + "opens a burst of 32 at most, then one per arrival up to what Little's law needs): the rate rose faster "
            + "than the pool may grow (a step bigger than the burst, or a warm-up shorter than the ramp). "
            + "max_connections (2) is not the limit here; give the stage a longer warm-up, or ramp its rate up."))
        result.stages[1].open?.waitedForPoolGrowth = 0
        #expect(try #require(OpenStageFigures(result.stages[1])).cause == .unexplained)
    }

    /// A result.json written before the count existed reads as none counted, and one written now carries it.
    @Test func theCountIsInResultJSON() throws {
        var stats = try #require(result.stages[1].open)
        let older = try JSONDecoder().decode(OpenStageStats.self, from: JSONEncoder().encode(stats))
        #expect(older.waitedForPoolGrowth == nil)
        stats.waitedForPoolGrowth = 12
        let json = try #require(String(data: JSONEncoder().encode(stats), encoding: .utf8))
        #expect(json.contains("\"waitedForPoolGrowth\":12"))
        #expect(try JSONDecoder().decode(OpenStageStats.self, from: Data(json.utf8)).waitedForPoolGrowth == 12)
    }
}
