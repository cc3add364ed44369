import Foundation
import LoadRunnerCommands
import LoadRunnerEngine
import LoadRunnerTestSupport
import Testing

/// Stages that end by count, actions, checks and command monitors, against a real HTTP server and real
/// shell commands.
@Suite(.serialized) struct CountedStagesAndActionsTests {
    @Test func aCountedStageSendsExactlyItsCountThenTheNextStageStarts() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: counted
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 4, requests: 300 }
                  - { users: 2, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let counted = result.stages[0]
            #expect(counted.requestLimit == 300)
            #expect(counted.requestsSent == 300)
            #expect(counted.reachedRequestLimit == true)
            #expect(counted.aggregated.requests == 300)
            #expect(counted.endSeconds < 5)
            #expect(result.stages[1].startSeconds == counted.endSeconds)
            #expect(result.stages[1].requestLimit == nil)
            #expect(result.stages[1].aggregated.requests > 0)
            #expect(!result.interrupted)
            let served = UInt64(server.requests(forPathPrefix: "/ok"))
            #expect(served >= 300 + result.stages[1].aggregated.requests)
            // Every response is counted, but for those still in flight when the run's last stage ended (one per user at most).
            let recorded = result.series.last?.aggregated.total.requests ?? 0
            #expect(recorded <= served && served - recorded <= 2)
        }
    }

    @Test func aCountedStageEndsAtItsTimeLimitIfTheCountTakesLonger() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: limited
                target: http://127.0.0.1:1
                requests:
                  - { name: slow, path: /delay/50 }
                stages:
                  - { users: 1, requests: 100000, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            #expect(stage.reachedRequestLimit == false)
            #expect((stage.requestsSent ?? 0) > 5 && (stage.requestsSent ?? 0) < 100)
            #expect(stage.endSeconds == 1)
            #expect(!result.interrupted)
        }
    }

    @Test func actionsRunAtTheirMomentsAndAreRecorded() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: actions
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/5 }
                stages:
                  - { users: 2, duration: 2s }
                actions:
                  - { name: counted, after_requests: 50, run: "echo sent" }
                  - { name: timed, at: 1s, run: "echo timed; echo oops >&2; exit 3" }
                  - { name: finally, at: end, run: "printf done" }
                  - { name: never, at: 10s, run: "echo never" }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let actions = try #require(result.actions)
            #expect(actions.map(\.name) == ["counted", "timed", "finally", "never"])
            #expect(actions[0].run?.stdout == "sent\n")
            #expect((actions[0].requestsSentAtStart ?? 0) >= 50 && (actions[0].requestsSentAtStart ?? 0) < 80)
            #expect(actions[1].requestsSentAtStart == nil)
            #expect(actions[0].succeeded)
            let timed = try #require(actions[1].run)
            #expect(timed.exitStatus == 3 && timed.stdout == "timed\n" && timed.stderr == "oops\n")
            #expect(timed.startSeconds >= 1 && timed.startSeconds < 1.5)
            #expect(!actions[1].failsRun)
            #expect(actions[2].run?.stdout == "done")
            #expect((actions[2].run?.startSeconds ?? 0) >= result.stages[0].endSeconds)
            #expect(actions[3].run == nil && actions[3].skippedBecause == "the load ended before its moment")
            #expect(result.abortedBy == nil && !result.interrupted)
            #expect(observer.problems.contains { $0.hasPrefix("action \"timed\" failed: exit 3 (oops)") })
            #expect(observer.notes.contains { $0.hasPrefix("action \"counted\" (after 50 requests) started at") })
        }
    }

    @Test func aRequiredActionThatFailsStopsTheLoad() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: required
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/5 }
                stages:
                  - { users: 2, duration: 20s }
                actions:
                  - { name: setup, at: 300ms, run: "exit 4", required: true }
                  - { name: cleanup, at: end, run: "echo cleanup" }
                checks:
                  - { name: still checked, run: "echo 1", equals: 1 }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.abortedBy == nil)
            #expect(result.stages[0].endSeconds < 3)
            #expect(!result.interrupted)
            let actions = try #require(result.actions)
            #expect(actions[0].failsRun)
            #expect(actions[1].run == nil && actions[1].skippedBecause == "required action \"setup\" failed (exit 4)")
            #expect(result.checks?.map(\.passed) == [true])
        }
    }

    @Test func checksCompareOutputsWithTheRunsNumbers() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: checks
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 3, requests: 200 }
                checks:
                  - { name: exact, run: "echo 200", equals: "{{ requests.ok.ok }}" }
                  - { name: off by one, run: "echo 199", equals: "{{ requests.ok.ok }}" }
                  - { name: at least, run: "echo 250", at_least: "{{ total.count + 10 }}" }
                  - { name: broken, run: "echo nope >&2; exit 2", equals: 0 }
                  - { name: no failures, run: "echo 0", at_most: "{{ total.failed }}" }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let checks = try #require(result.checks)
            #expect(checks.map(\.passed) == [true, false, true, false, true])
            #expect(checks[0].expected == "200" && checks[0].actual == "200")
            #expect(checks[1].problem == "got 199, expected 200")
            #expect(checks[2].expected == "210")
            #expect(checks[3].problem == "the command failed: exit 2 (nope)")
            #expect(server.requests(forPathPrefix: "/ok") == 200)
        }
    }

    @Test func commandMonitorsBecomeSeries() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-cmdmon-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let profile = try EngineHarness.profile("""
                name: command monitors
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/5 }
                stages:
                  - { users: 1, duration: 2500ms }
                monitors:
                  - { name: ticks, run: "echo x >> \(folder)/ticks; wc -l < \(folder)/ticks", every: 500ms, unit: ticks }
                  - { name: broken, run: "echo not-a-number" }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let series = try #require(result.commandMonitors)
            #expect(series.map(\.name) == ["ticks", "broken"])
            let ticks = series[0].samples.compactMap(\.value)
            #expect(ticks.count >= 4 && ticks == ticks.sorted() && ticks.first == 1)
            #expect(series[0].unit == "ticks" && series[0].stages.first?.count ?? 0 >= 4)
            #expect(series[1].samples.allSatisfy { $0.value == nil && $0.problem == "\"not-a-number\" is not a number" })
            #expect(observer.problems.filter { $0.contains("broken") }.count == 1)
        }
    }

    @Test func commandMonitorsGoOnWhileTheEndActionsRun() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: monitors after the load
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/5 }
                stages:
                  - { users: 1, duration: 1s }
                actions:
                  - { name: catch up, at: end, run: "sleep 1.2" }
                monitors:
                  - { name: tick, run: "echo 1", every: 200ms }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let loadEnd = result.stages[0].endSeconds
            let afterLoad = try #require(result.commandMonitors?.first?.samples.filter { $0.atSeconds > loadEnd + 0.3 })
            #expect(afterLoad.count >= 3 && afterLoad.allSatisfy { $0.value == 1 })
            #expect(result.commandMonitors?.first?.stages.first?.count ?? 0 <= 6, "the stage summary covers the stage only")
        }
    }
}
