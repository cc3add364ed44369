import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// Flows against the real test server: the iteration time of a flow of fixed-delay steps, each user's own cookie
/// jar (checked by the server), `on_start` and `on_stop` at hand-overs and at the load's end, and none on a stop.
@Suite(.serialized) struct FlowEngineTests {
    /// 20 ms + 30 ms + think 50 ms: no iteration can take less than 100 ms, and an iteration takes its two requests'
    /// time plus the wait (the only slack is the user's own few microseconds between steps, and the timer's lateness).
    @Test func aFlowsIterationTimeIsItsStepsPlusItsThinkTime() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: timed flow
                target: http://127.0.0.1:1
                flows:
                  - name: three steps
                    steps:
                      - { name: first, path: /delay/20 }
                      - { name: second, path: /delay/30 }
                      - think: 50ms
                stages:
                  - { users: 2, spawn_rate: 100, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = try #require(result.stages.first)
            let flow = try #require(stage.flows?.first)
            #expect(stage.flows?.count == 1 && flow.name == "three steps")
            #expect(flow.iterationsSkipped == 0)
            #expect(result.failures.isEmpty, "\(result.failures.map { "\($0.name): \($0.message) x\($0.occurrences)" })")
            #expect(flow.iterationsCompleted >= 4, "\(flow.iterationsCompleted)")
            #expect(flow.iterationTime.count == flow.iterationsCompleted)
            // Every completed iteration sent both requests; the server saw those plus at most one cut-off pass per user.
            let first = result.windowRequests(named: "first"), second = result.windowRequests(named: "second")
            #expect(second.requests >= flow.iterationsCompleted && second.requests <= flow.iterationsCompleted + 2)
            #expect(first.requests >= second.requests && first.requests <= second.requests + 2)
            #expect(UInt64(server.requests(forPathPrefix: "/delay/")) == first.requests + second.requests)
            #expect(flow.iterationTime.exactMinMicros >= 100_000, "\(flow.iterationTime.exactMinMicros)")
            let parts = first.latency.meanMicros + second.latency.meanMicros + 50_000
            #expect(flow.iterationTime.meanMicros >= parts - 1_000, "\(flow.iterationTime.meanMicros) vs \(parts)")
            #expect(flow.iterationTime.meanMicros <= parts + 150_000, "\(flow.iterationTime.meanMicros) vs \(parts)")
        }
    }

    /// Five users log in once each (`on_start`) and ask `/session/me` again and again: the server answers 200 only to a
    /// token it issued that no other request is using at that moment, so each of the five sessions was carried by one
    /// user at a time (a shared jar would send one token from several users at once, and leave tokens unused); at
    /// the load's end each user logs out (`on_stop`) with its cookie.
    @Test func eachUserKeepsItsOwnSession() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(sessionProfile(cookies: nil), target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let tally = server.sessions.tally
            let me = result.windowRequests(named: "me")
            #expect(tally.logins == 5)
            #expect(tally.usesByToken.count == 5 && tally.usesByToken.values.allSatisfy { $0 >= 2 }, "every session in use: \(tally)")
            #expect(UInt64(tally.ownCookie) == me.requests, "\(tally)")
            #expect(tally.withoutCookie == 0 && tally.foreignCookie == 0, "\(tally)")
            #expect(me.requests > 0 && me.failures == 0)
            #expect(tally.logouts == 5 && tally.logoutsWithCookie == 5, "\(tally)")
        }
    }

    @Test func withCookiesOffNoRequestCarriesASession() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(sessionProfile(cookies: false), target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let tally = server.sessions.tally
            let me = result.windowRequests(named: "me")
            #expect(tally.logins == 5)
            #expect(tally.ownCookie == 0 && tally.foreignCookie == 0, "\(tally)")
            #expect(tally.withoutCookie > 0 && me.requests > 0 && me.failures == me.requests, "\(tally)")
            #expect(tally.logoutsWithCookie == 0)
        }
    }

    /// A stage that hands over from 4 users to 1: the 3 users that stop log out then, the last one at the load's end.
    @Test func onStopRunsWhenAStageHandsOverToFewerUsersAndAtTheEnd() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(sessionProfile(
                cookies: nil, stages: "  - { users: 4, spawn_rate: 1000, duration: 1s }\n  - { users: 1, spawn_rate: 1000, duration: 1s }"),
                target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let tally = server.sessions.tally
            #expect(tally.logins == 4 && tally.logouts == 4 && tally.logoutsWithCookie == 4, "\(tally)")
            #expect(tally.foreignCookie == 0 && tally.withoutCookie == 0, "\(tally)")
            // The three logouts of the hand-over are in stage 2's statistics; the last one came after the load's end.
            #expect(result.stages[1].requests.first { $0.name == "logout" }?.requests == 3)
        }
    }

    @Test func aStopSkipsOnStop() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(
                sessionProfile(cookies: nil, stages: "  - { users: 3, spawn_rate: 100, duration: 30s }"), target: server.baseURL)
            let stop = StopSignal()
            let stopper = Task {
                try? await Task.sleep(for: .milliseconds(700))
                stop.request()
            }
            let (result, _) = try await EngineHarness.run(profile, stop: stop)
            _ = await stopper.value
            #expect(result.interrupted)
            #expect(server.sessions.tally.logins == 3 && server.sessions.tally.logouts == 0, "\(server.sessions.tally)")
        }
    }

    /// A login, then `/session/me` (which must answer 200) with a short wait, and a logout at the end.
    private func sessionProfile(cookies: Bool?, stages: String = "  - { users: 5, spawn_rate: 100, duration: 1s }") -> String {
        """
        name: sessions
        target: http://127.0.0.1:1
        \(cookies.map { "cookies: \($0)" } ?? "")
        flows:
          - name: signed in
            on_start:
              - { name: login, path: /session/login }
            steps:
              - { name: me, path: /session/me, expect: 200 }
              - think: 20ms
            on_stop:
              - { name: logout, path: /session/logout }
        stages:
        \(stages)
        """
    }
}
