import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// One curl loop spreads its users over several libcurl multi handles (`CurlLoop.connectionsPerMulti`, 250 each)
/// waited on through one epoll set. Against the real test server, which counts the connections it accepted and the
/// requests it served: every user keeps its one connection alive on whichever handle it landed, and nothing is lost.
@Suite(.serialized) struct MultiHandleEngineTests {
    /// 600 users on one loop: three multi handles. Each user sends every 200 ms (pacing), so each of them sends about
    /// 10 requests in its 2 s; were a connection lost between handles or a socket event missed, the server would see
    /// more than 600 connections, or requests would time out.
    @Test func sixHundredUsersOnOneLoopKeepOneConnectionEach() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: three handles
                target: http://127.0.0.1:1
                timeout: 5s
                requests:
                  - { name: ok, path: /ok }
                think_time: { pacing: 200ms }
                stages:
                  - { users: 600, spawn_rate: 2000, duration: 3s, warmup: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stats = result.stages[0].aggregated
            #expect(stats.failures == 0, "\(stats.failuresByCategory)")
            #expect(server.connectionsAccepted == 600)
            #expect(stats.newConnections == 0, "the window starts after every user has connected")
            // 600 users pacing 200 ms send 3,000 requests a second, 6,000 in the 2 s window, unless this shared
            // machine holds the loop back (each late user starts at once once it can, so far fewer means lost events).
            #expect(stats.requests >= 4_000 && stats.requests <= 6_600, "\(stats.requests)")
            let served = UInt64(server.requests(forPathPrefix: "/ok"))
            #expect(served >= stats.requests)
        }
    }

    /// A loop's wait ends at the microsecond an open-model arrival is due (epoll_pwait2 with 1 ns of timer slack):
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
