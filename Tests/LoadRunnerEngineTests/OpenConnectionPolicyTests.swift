import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// The open model's connection pool against the real test server, which counts the connections it accepted and the
/// requests it served: reuse first, growth bounded by Little's law and a paced bucket, a backlog drained in order,
/// and every arrival accounted for (served + missed = planned), per second too.
@Suite(.serialized) struct OpenConnectionPolicyTests {
    /// 200/s against a 50 ms answer: Little's law says 10 connections are busy on average. The run opens a small
    /// multiple of that (not one per arrival), sends all 400 arrivals, and half of them within 5 ms of their time.
    @Test func aSteadyRateOpensWhatLittlesLawNeeds() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: little
                target: http://127.0.0.1:1
                requests:
                  - { name: slow, path: /delay/50 }
                stages:
                  - { rate: 200/s, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            #expect(server.requestsServed == 400)
            #expect(open.due == 400 && open.sent == 400 && open.missed == 0)
            #expect(server.connectionsAccepted >= 10 && server.connectionsAccepted <= 30, "\(server.connectionsAccepted)")
            #expect(open.connectionsOpened == UInt64(server.connectionsAccepted))
            let lag = try #require(stage.aggregated.lag)
            if EngineHarness.machineKeptTime(stage) {
                #expect(lag.micros(atPercentile: 50) < 5_000, "\(lag.micros(atPercentile: 50))")
            }
        }
    }

    /// 400/s for 2.5 s against a server that holds every answer from 500 ms to 1.5 s: 400 arrivals come due while
    /// every connection is held. The pool grows on demand to its spare (32 per loop) and Little's estimate, then by
    /// one connection per ten arrivals, not by one per waiting arrival (400, as before the connection policy); when
    /// the pause ends the backlog drains through the connections that come free: all 1,000 are sent, none missed,
    /// and the last second's arrivals go out on time again.
    @Test func aPausedServerGetsABoundedNumberOfNewConnections() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: paused
                target: http://127.0.0.1:1
                timeout: 10s
                requests:
                  - { name: paused, path: /pause/500/1500 }
                stages:
                  - { rate: 400/s, duration: 2500ms }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            #expect(server.requestsServed == 1_000)
            #expect(open.due == 1_000 && open.sent == 1_000 && open.completed == 1_000 && open.missed == 0)
            #expect(server.connectionsAccepted <= 240, "\(server.connectionsAccepted) connections for 400 held arrivals")
            #expect(open.connectionsOpened == UInt64(server.connectionsAccepted))
            // The pause shows in the latency from the intended time: the top 5% waited about 0.8-1 s.
            #expect(stage.aggregated.latency.micros(atPercentile: 95) > 600_000)
            let lastSecond = try #require(observer.samples.first { $0.second == 2 }?.requests[0].lag)
            if EngineHarness.machineKeptTime(stage) {
                #expect(lastSecond.histogram.micros(atPercentile: 50) < 5_000, "\(lastSecond.histogram.micros(atPercentile: 50))")
            }
        }
    }

    /// 100/s for 2.5 s on one connection against a server that holds answers from 505 ms to 3 s, `max_lag: 200ms`.
    /// Arrival k is due at 10k ms. Arrival 51 holds the connection; those after it wait, and one still waiting
    /// 200 ms after its time is `missed` (k = 52…229), as is every one still waiting when the load ends (k = 230…249).
    /// Each is counted in the second of its intended time: 48 in second 0, 100 in second 1, 50 in second 2 (one
    /// either way at the pause's start, whose clock starts at the server's first request). Exact: served + missed = 250.
    @Test func missedArrivalsCountInTheSecondOfTheirIntendedTime() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: missed per second
                target: http://127.0.0.1:1
                timeout: 10s
                max_connections: 1
                max_lag: 200ms
                requests:
                  - { name: paused, path: /pause/505/3000 }
                stages:
                  - { rate: 100/s, duration: 2500ms }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            let served = UInt64(server.requestsServed)
            #expect(open.due == 250 && served + open.missed == 250 && open.sent == served)
            #expect(stage.aggregated.failuresByCategory == [.missed: open.missed])
            let perSecond = (0..<3).map { second in observer.samples.first { $0.second == second }?.aggregated.missed ?? 0 }
            let byRequest = (0..<3).map { second in observer.samples.first { $0.second == second }?.requests[0].missed ?? 0 }
            #expect(perSecond == byRequest)
            #expect(perSecond.reduce(0, +) == open.missed)
            #expect(perSecond[0] + 2 >= 48 && perSecond[0] <= 48 + 2, "missed per second \(perSecond), truth [48, 100, 50]")
            #expect(perSecond[1] == 100 && perSecond[2] == 50, "missed per second \(perSecond), truth [48, 100, 50]")
            // result.json keeps them, per request name and in the aggregate row.
            let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
            #expect(decoded.series.map(\.aggregated.missed) == result.series.map(\.aggregated.missed))
            #expect(decoded.series.map { $0.requests[0].missed }.reduce(0, +) == open.missed)
        }
    }

    /// Nothing listens on port 1 of the loopback: every arrival's connect is refused at once, is recorded as a
    /// `connect` failure, and its connection is free for the next arrival; a refusal opens nothing more (no retry,
    /// no pile-up).
    @Test func refusedConnectsFailOncePerArrival() async throws {
        let profile = try EngineHarness.profile("""
            name: refused
            target: http://127.0.0.1:1
            requests:
              - { name: refused, path: /ok }
            stages:
              - { rate: 200/s, duration: 1s }
            """, target: "http://127.0.0.1:1")
        let (result, _) = try await EngineHarness.run(profile)
        let stage = result.stages[0]
        let open = try #require(stage.open)
        #expect(open.due == 200 && open.sent == 200 && open.missed == 0)
        #expect(stage.aggregated.failuresByCategory == [.connect: 200])
        #expect(open.connectionsOpened == 0)
        #expect(open.peakInFlight <= 20, "\(open.peakInFlight)")
    }
}
