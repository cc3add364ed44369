import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// One curl loop with hundreds of users, and one loop's open-model timing, against the real test server, which counts
/// the connections it accepted and the requests it served. (Written for a loop over several multi handles through
/// `curl_multi_socket_action`, measured and not kept: docs/performance.md; they hold for any loop.)
@Suite(.serialized) struct ManyUsersOneLoopEngineTests {
    /// 400 users on one loop. Every request waits 100 ms at the server and users have no think
    /// time, so all 400 are in flight nearly all the time and each needs a connection of its own: the server must see
    /// exactly 400 (more: a connection was not reused; libcurl shares a handle's cached connections between its idle
    /// users, so with think time fewer would do). Each user completes at most 10 requests a second, 8,000 in the 2 s
    /// window; a missed socket event would show as a request stuck until the 5 s timeout.
    @Test func fourHundredBusyUsersOnOneLoopKeepOneConnectionEach() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: one loop
                target: http://127.0.0.1:1
                timeout: 5s
                requests:
                  - { name: slow, path: /delay/100 }
                stages:
                  - { users: 400, spawn_rate: 2000, duration: 4s, warmup: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stats = result.stages[0].aggregated
            #expect(stats.failures == 0, "\(stats.failuresByCategory)")
            #expect(server.connectionsAccepted == 400)
            #expect(stats.requests >= 5_000 && stats.requests <= 8_000, "\(stats.requests)")
            #expect(stats.latency.maxMicros < 1_000_000, "\(stats.latency.maxMicros) µs")
            #expect(UInt64(server.requests(forPathPrefix: "/delay")) >= stats.requests)
        }
    }

    /// A loop's wait ends at the microsecond an open-model arrival is due (`ArrivalTimer`, a timerfd):
    /// at 200/s on one loop against a server that answers at once, the loop's lag p50 is far below a millisecond,
    /// which a millisecond-rounded wait could not give (it would send each arrival up to 1 ms late, about 0.5 ms
    /// on average).
    @Test func openArrivalsGoOutWithinMicroseconds() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: punctual
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 200/s, duration: 3s, warmup: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            #expect(open.due == 400 && open.sent == 400 && open.missed == 0)
            let lag = try #require(stage.aggregated.lag)
            guard EngineHarness.machineKeptTime(stage) else { return }
            #expect(lag.micros(atPercentile: 50) < 300, "lag p50 \(lag.micros(atPercentile: 50)) µs")
        }
    }
}
