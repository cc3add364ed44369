import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// No request is lost from the statistics: a request counts in the stage (and second) it started in, the
/// load's end drains requests up to the timeout, and a stop drains 2 s and records the rest as `incomplete`.
/// Against the real test server, whose `/pause/` route hangs on a schedule and which counts what it served.
@Suite(.serialized) struct DrainTests {
    /// The case of the issue: a 4 s stage against a server that hangs for its last 1.5 s (answering the held
    /// requests at 4 s). Every request the server saw is in the stage, the held ones with their ~1.5 s.
    @Test func aServerThatHangsAtTheStageEndShowsItsStalledRequests() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: hang at the end
                target: http://127.0.0.1:1
                timeout: 10s
                think_time: { constant: 20ms }
                requests:
                  - { name: paused, path: /pause/2500/4000 }
                stages:
                  - { users: 5, spawn_rate: 100, duration: 4s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stage = result.stages[0].aggregated
            let served = UInt64(server.requests(forPathPrefix: "/pause/"))
            #expect(stage.requests == served, "every request the server saw is in the stage")
            #expect(stage.failures == 0)
            #expect(stage.latency.count == served)
            #expect(stage.latency.maxMicros >= 1_300_000 && stage.latency.maxMicros <= 1_700_000, "\(stage.latency.maxMicros)")
            // One held request per user: each hung from about 2.5 s (or later) to 4 s.
            let held = stage.latency.histogram.count(within: 300_000...2_000_000)
            #expect(held == 5, "\(held)")
            #expect(observer.samples.map(\.aggregated.requests).reduce(0, +) == served)
        }
    }

    /// A request sent at 1 s in stage 1 (2 s) and answered at 2.6 s, in stage 2's warm-up, counts in stage 1;
    /// before, it completed in the warm-up and was dropped.
    @Test func aRequestSpanningAStageBoundaryLandsInItsStartStage() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: boundary
                target: http://127.0.0.1:1
                timeout: 10s
                think_time: { constant: 20ms }
                requests:
                  - { name: paused, path: /pause/1000/2600 }
                stages:
                  - { users: 1, duration: 2s }
                  - { users: 1, duration: 2s, warmup: 1s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let first = result.stages[0].aggregated
            let second = result.stages[1].aggregated
            #expect(first.latency.maxMicros >= 1_400_000, "\(first.latency.maxMicros)")
            #expect(second.latency.maxMicros < 500_000, "\(second.latency.maxMicros)")
            #expect(result.stages[0].inFlightCount == 1)
            // Stage 1 has no warm-up: the requests that started in its seconds are exactly its requests.
            let firstSeconds = observer.samples.filter { $0.second < 2 }.map(\.aggregated.requests).reduce(0, +)
            #expect(first.requests == firstSeconds)
            #expect(observer.samples.map(\.aggregated.requests).reduce(0, +) == UInt64(server.requests(forPathPrefix: "/pause/")))
        }
    }

    /// An `abort_on_fail` verdict on a stage waits for the stage's own requests: the one sent at 1 s and
    /// answered at 2.6 s (in the next stage) makes stage 1's max 1.6 s, which stops the run after stage 1.
    /// Judged on the requests complete at 2 s, stage 1 would have passed.
    @Test func anAbortOnFailVerdictWaitsForTheStagesOwnRequests() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: judged late
                target: http://127.0.0.1:1
                timeout: 10s
                think_time: { constant: 20ms }
                requests:
                  - { name: paused, path: /pause/1000/2600 }
                stages:
                  - { users: 1, duration: 2s }
                  - { users: 1, duration: 3s }
                thresholds:
                  - { threshold: "max < 1s", abort_on_fail: true }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.abortedBy?.contains("failed in stage 1") == true, "\(result.abortedBy ?? "not aborted")")
            #expect(result.stages.count == 1)
            #expect(result.stages[0].aggregated.latency.maxMicros >= 1_400_000)
        }
    }

    /// The load's end waits for requests in flight up to the profile's timeout: hung requests end as timeouts,
    /// counted in their stage with their time, one per user.
    @Test func theLoadsEndDrainsHungRequestsUpToTheTimeout() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: hung
                target: http://127.0.0.1:1
                timeout: 1500ms
                requests:
                  - { name: stall, path: /stall }
                stages:
                  - { users: 3, spawn_rate: 100, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0].aggregated
            #expect(server.requestsServed == 3)
            #expect(stage.requests == 3)
            #expect(stage.failuresByCategory == [.timeout: 3])
            #expect(stage.latency.minMicros >= 1_400_000, "\(stage.latency.minMicros)")
        }
    }

    /// A stop drains for 2 s, then records every request still without an answer as `incomplete`: a failure
    /// with its age in the message, no latency; one per user against a hung server.
    @Test func aStopDrainsTwoSecondsThenRecordsTheRestAsIncomplete() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: stopped
                target: http://127.0.0.1:1
                timeout: 30s
                requests:
                  - { name: stall, path: /stall }
                stages:
                  - { users: 3, spawn_rate: 100, duration: 30s }
                """, target: server.baseURL)
            let stop = StopSignal()
            let started = ContinuousClock.now
            let stopper = Task {
                try? await Task.sleep(for: .seconds(1))
                stop.request()
            }
            let (result, _) = try await EngineHarness.run(profile, stop: stop)
            _ = await stopper.value
            let elapsed = ContinuousClock.now - started
            #expect(elapsed > .seconds(2.5) && elapsed < .seconds(6), "\(elapsed)")
            let stage = result.stages[0].aggregated
            #expect(server.requestsServed == 3)
            #expect(stage.requests == 3)
            #expect(stage.failuresByCategory == [.incomplete: 3])
            #expect(stage.latency.count == 0, "an incomplete request has no latency")
            let failure = try #require(result.failures.first)
            #expect(result.failures.count == 1)
            #expect(failure.category == .incomplete && failure.occurrences == 3)
            // Sent at about 0 s, stopped at 1 s, given up 2 s later.
            let age = try #require(Double(failure.message.replacingOccurrences(of: "no response after up to ", with: "").dropLast(2)))
            #expect(age > 2.5 && age < 4, "\(failure.message)")
            #expect(result.interrupted)
        }
    }

    /// A `pacing` user whose every request takes longer than its interval starts each iteration late by the
    /// difference; one that keeps up starts on time. The lag histogram holds one value per request sent.
    @Test(arguments: [("/delay/250", true), ("/ok", false)])
    func pacingUsersRecordHowLateEachIterationStarts(path: String, behind: Bool) async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: paced
                target: http://127.0.0.1:1
                think_time: { pacing: 100ms }
                requests:
                  - { name: paced, path: \(path) }
                stages:
                  - { users: 1, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0].aggregated
            let lag = try #require(stage.lag)
            #expect(stage.requests == UInt64(server.requestsServed))
            #expect(lag.count == stage.requests)
            if behind {
                // Each request takes 250 ms against a 100 ms schedule: every iteration after the first is 150 ms late.
                #expect(stage.lateStarts == stage.requests - 1)
                #expect(lag.maxMicros >= 140_000 && lag.maxMicros < 260_000, "\(lag.maxMicros)")
                #expect(stage.requests >= 7 && stage.requests <= 9, "\(stage.requests)")
            } else {
                // Only the timer's slack: on a loaded machine a few starts may slip, most are on time.
                #expect(lag.micros(atPercentile: 50) < RequestStats.lateStartMicros, "\(lag.micros(atPercentile: 50))")
                #expect(stage.lateStarts < stage.requests / 2, "\(stage.lateStarts)")
                #expect(stage.requests >= 19 && stage.requests <= 21, "\(stage.requests)")
            }
        }
    }
}
