import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// How the ways a run ends are told: which stage an interruption cut short (and none when the stop came after
/// the load), requests in flight at a stage's end, actions that outlived the load, and the minimal result a
/// second signal leaves. Built on `ReportFixtures` (stage 1: window 1-3 s; stage 2 saturated, over 1% errors).
@Suite struct RunEndWarningsTests {
    static func interruptions(_ result: RunResult) -> [ReportWarning] {
        ReportWarning.warnings(for: result).filter {
            switch $0 {
            case .interrupted, .interruptedAfterLoad, .measurementsLost: true
            default: false
            }
        }
    }

    @Test func aStopAfterTheLoadCutsNoStageShort() {
        var result = ReportFixtures.result(interrupted: false)
        result.markInterrupted()
        #expect(result.interrupted)
        #expect(result.stages.map(\.cutShort) == [false, false])
        #expect(Self.interruptions(result) == [.interruptedAfterLoad])
        let summary = ConsoleSummary.render(result)
        #expect(!summary.contains("cut short"))
        #expect(!summary.contains("INTERRUPTED"))
        #expect(summary.contains("warning: The run was interrupted after its load ended: every stage ran to its end"))
    }

    @Test func aStopDuringTheLoadNamesTheStageItCutShort() {
        var result = ReportFixtures.result(interrupted: false)
        result.stages[1].cutShort = true
        result.markInterrupted()
        #expect(result.stages.map(\.cutShort) == [false, true])
        #expect(Self.interruptions(result) == [.interrupted(lastStage: 2)])
        #expect(ConsoleSummary.render(result).contains("INTERRUPTED"))
    }

    @Test func anOlderInterruptedFileStillNamesItsLastStage() {
        let result = ReportFixtures.result(interrupted: true)
        #expect(result.stages.allSatisfy { $0.cutShort == nil })
        #expect(Self.interruptions(result) == [.interrupted(lastStage: 2)])
    }

    @Test func theMinimalResultSaysItsMeasurementsWereLost() throws {
        var result = RunResult(provenance: ReportFixtures.provenance, stages: [], series: [], failures: [], interrupted: true)
        result.measurementsLost = true
        #expect(ReportWarning.warnings(for: result) == [.measurementsLost])
        let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
        #expect(decoded == result)
        #expect(MarkdownReport.render(decoded).contains("this file holds no measurements"))
    }

    /// Stage 1's window has requests of at most `max` µs; in-flight requests warn only when older than that.
    @Test(arguments: [false, true])
    func requestsInFlightWarnOnlyWhenOlderThanAnyThatCompleted(older: Bool) {
        var result = ReportFixtures.result(interrupted: false)
        let slowest = result.stages[0].aggregated.latency.maxMicros
        result.stages[0].inFlightAtEnd = [
            InFlightRequests(name: ReportFixtures.list.name, method: "GET", count: 3, longestMicros: older ? slowest + 1_500_000 : slowest / 2),
            InFlightRequests(name: ReportFixtures.search.name, method: "POST", count: 1, longestMicros: 10),
        ]
        let warning = ReportWarning.warnings(for: result).first { if case .requestsInFlight = $0 { true } else { false } }
        if older {
            #expect(warning == .requestsInFlight(stage: 1, count: 4, longestMicros: slowest + 1_500_000))
            #expect(warning?.message.hasPrefix("Stage 1: 4 requests were still in flight at its end (longest ") == true)
        } else {
            #expect(warning == nil)
        }
    }

    @Test func aStageWhereNothingCompletedWarnsOfEveryRequestInFlight() {
        var stage = ReportFixtures.stage(1)
        stage.requests = stage.requests.map { RequestStats(name: $0.name, method: $0.method) }
        stage.aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        stage.inFlightAtEnd = [InFlightRequests(name: "stall", method: "GET", count: 1, longestMicros: 2_000_000)]
        let result = RunResult(provenance: ReportFixtures.provenance, stages: [stage], series: [], failures: [], interrupted: false)
        let messages = ReportWarning.warnings(for: result).map(\.message)
        #expect(messages.contains("Stage 1: 1 request was still in flight at its end (longest 2.0 s, longer than any "
            + "that completed) and is not in its latency figures, so they understate the slowest requests; "
            + "see the target's health or lower the profile's timeout."))
    }

    /// Pacing users whose iterations started more than 10 ms late are said to have fallen behind, with the
    /// sentence on what closed-model latency leaves out; on time, nothing is said.
    @Test(arguments: [false, true])
    func pacingUsersThatFellBehindAreWarnedOf(behind: Bool) {
        var result = ReportFixtures.result(interrupted: false)
        var lag = LatencyHistogram()
        lag.record(micros: 1)
        for _ in 0..<3 { lag.record(micros: behind ? 150_000 : 2_000) }
        result.stages[0].aggregated.lag = lag
        let warning = ReportWarning.warnings(for: result).first { if case .fellBehindSchedule = $0 { true } else { false } }
        guard behind else {
            #expect(warning == nil)
            return
        }
        #expect(warning == .fellBehindSchedule(stage: 1, lateStarts: 3, starts: 4, maxLagMicros: lag.maxMicros))
        #expect(warning?.message == "Stage 1: pacing users fell behind their schedule: 3 of 4 iterations started late, "
            + "the latest 0.15 s behind. Closed-model latency omits the time a user could not send, so these latencies "
            + "understate what requests arriving on schedule would have seen.")
    }

    @Test func anActionThatOutlivedTheLoadIsWarnedOf() {
        var result = ReportFixtures.result(interrupted: false)
        var action = ActionResult(
            name: "compact", command: "sleep 9", when: "at 2s", required: false,
            run: ShellOutcome(
                startSeconds: 2, endSeconds: 11, exitStatus: 0, signal: nil, timedOut: false, launchError: nil,
                stdout: "", stderr: ""),
            skippedBecause: nil)
        action.waitedAfterLoadSeconds = 5
        result.actions = [action]
        #expect(ReportWarning.warnings(for: result).contains(.actionOutlivedLoad(name: "compact", when: "at 2s", waitedSeconds: 5)))
        #expect(MarkdownReport.render(result).contains(
            "Action \"compact\" (at 2s) outlived the load: the run waited 5.0 s for it after the load ended"))
    }

    @Test func theNewFieldsAreLeftOutWhenUnset() throws {
        let text = String(decoding: try ResultJSON.encode(ReportFixtures.result(interrupted: false)), as: UTF8.self)
        for key in ["cutShort", "inFlightAtEnd", "measurementsLost", "waitedAfterLoadSeconds"] {
            #expect(!text.contains(key), "\(key)")
        }
    }
}
