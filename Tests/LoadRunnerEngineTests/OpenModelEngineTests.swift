import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// Open stages run: arrivals go out at their planned times whatever the answers do, latency runs from the intended
/// time, arrivals that find no connection within `max_lag` are `missed`, and nothing is lost at the load's end.
/// Against the real test server, which counts what it served (and whose `/pause/` route hangs on a schedule).
@Suite(.serialized) struct OpenModelEngineTests {
    /// A 3 s stage at 200/s sends exactly 600 requests, and the server saw exactly those.
    @Test func aStageSendsExactlyItsArrivals() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: exact
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 200/s, duration: 3s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            #expect(server.requestsServed == 600)
            #expect(stage.aggregated.requests == 600)
            #expect(stage.aggregated.failures == 0)
            #expect(stage.aggregated.latency.count == 600)
            #expect(stage.aggregated.service?.count == 600)
            #expect(stage.aggregated.lag?.count == 600)
            #expect(open.due == 600 && open.sent == 600 && open.completed == 600 && open.missed == 0)
            #expect(open.targetStartPerSecond == 200 && open.targetEndPerSecond == 200)
            #expect(open.peakInFlight >= 1 && open.peakInFlight <= 600)
            #expect(open.connectionsOpened == UInt64(server.connectionsAccepted))
            #expect(!open.reachedMaxConnections)
            // Each second holds the arrivals due in it: 200, 200, 200.
            #expect(observer.samples.filter { $0.second < 3 }.map(\.aggregated.requests) == [200, 200, 200])
            #expect(observer.samples.map(\.aggregated.requests).reduce(0, +) == 600)
            let serviceSeconds = observer.samples.compactMap { $0.requests[0].service?.count }.reduce(0, +)
            #expect(serviceSeconds == 600)
            #expect(observer.samples.compactMap { $0.requests[0].lag?.count }.reduce(0, +) == 600)
            // result.json keeps all of it: the stage's `open`, `service` and `lag`, and the per-second service and lag.
            let decoded = try ResultJSON.decode(try ResultJSON.encode(result))
            #expect(decoded.stages == result.stages && decoded.series == result.series)
            #expect(decoded.series.compactMap { $0.requests[0].service?.count }.reduce(0, +) == 600)
        }
    }

    /// At 500/s the generator keeps the pace: exactly 1000 in 2 s, and most go out within a few milliseconds
    /// of their time (the achieved rate within 2% of the target: by the sends, not by the plan).
    @Test func fiveHundredPerSecondKeepsThePace() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: pace
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 500/s, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            #expect(server.requestsServed == 1000)
            let achieved = open.achievedRate(overSeconds: stage.windowSeconds)
            #expect(abs(achieved / 500 - 1) < 0.02, "\(achieved)")
            let lag = try #require(stage.aggregated.lag)
            // Half the sends within 5 ms of their time when the machine keeps time; none waited for a connection.
            if EngineHarness.machineKeptTime(stage) {
                #expect(lag.micros(atPercentile: 50) < 5_000, "\(lag.micros(atPercentile: 50))")
            }
            #expect(open.missed == 0 && !open.reachedMaxConnections)
        }
    }

    /// Coordinated omission: 200/s for 4 s against a server that holds every answer from 1 s to 2 s, with 4
    /// connections. Requests due during the pause wait until it ends, so their latency is 2 s − t: over the 800
    /// requests, p95 ≈ 800 ms and p99 ≈ 960 ms. libcurl's own time (service) is long only for the few held on
    /// the 4 connections; a closed run against the same server reports a far lower p95.
    @Test func latencyFromTheIntendedTimeShowsAPauseThatServiceTimeHides() async throws {
        let open = try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: paused open
                target: http://127.0.0.1:1
                max_connections: 4
                timeout: 10s
                requests:
                  - { name: paused, path: /pause/1000/2000 }
                stages:
                  - { rate: 200/s, duration: 4s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(UInt64(server.requestsServed) == result.stages[0].aggregated.requests)
            return result.stages[0]
        }
        // The analytic truth: 600 fast requests (0 ms) and 200 due at 1000 + 5i ms, answered at 2000 ms.
        let truth = (Array(repeating: 0, count: 600) + (0..<200).map { 1_000 - 5 * $0 }).sorted()
        func truthMillis(_ percentile: Double) -> Int { truth[Int((percentile / 100 * Double(truth.count)).rounded(.up)) - 1] }
        let latency = open.aggregated.latency
        #expect(latency.count == 800 && open.open?.missed == 0)
        for percentile in [95.0, 99.0] {
            let measured = Int(latency.micros(atPercentile: percentile) / 1_000)
            let expected = truthMillis(percentile)
            #expect(measured > expected - 60 && measured < expected + 200, "p\(percentile): \(measured) ms, truth \(expected) ms")
        }
        let service = try #require(open.aggregated.service)
        #expect(service.micros(atPercentile: 99) < 200_000, "\(service.micros(atPercentile: 99))")
        #expect(open.open?.reachedMaxConnections == true)

        let closed = try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: paused closed
                target: http://127.0.0.1:1
                timeout: 10s
                think_time: { constant: 20ms }
                requests:
                  - { name: paused, path: /pause/1000/2000 }
                stages:
                  - { users: 4, spawn_rate: 100, duration: 4s }
                """, target: server.baseURL)
            return try await EngineHarness.run(profile).0.stages[0]
        }
        let closedP95 = closed.aggregated.latency.micros(atPercentile: 95)
        #expect(closedP95 * 5 < latency.micros(atPercentile: 95), "closed p95 \(closedP95) µs")
    }

    /// `max_connections: 2` against a 100 ms answer at 100/s: the pool serves at most 20/s, the rest wait in order
    /// and are `missed` after `max_lag` (300 ms), or at the load's end. Each connection starts at most one request
    /// per 100 ms, so at most 40 of the 200 go out in 2 s, and at least 30 (a 100 ms answer taking up to 130 ms).
    /// The same with two loops, each with one connection and every other arrival; the peak in flight counts both.
    @Test(arguments: [1, 2])
    func aFullPoolQueuesAndMissesWhatWaitedTooLong(loops: Int) async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: pool
                target: http://127.0.0.1:1
                max_connections: 2
                max_lag: 300ms
                requests:
                  - { name: slow, path: /delay/100 }
                stages:
                  - { rate: 100/s, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: loops)
            let stage = result.stages[0]
            let open = try #require(stage.open)
            let sent = UInt64(server.requestsServed)
            #expect(open.due == 200 && open.sent == sent && open.completed == sent)
            #expect(sent >= 30 && sent <= 42, "\(sent)")
            #expect(open.missed == 200 - sent)
            #expect(open.reachedMaxConnections && open.peakInFlight == 2)
            #expect(server.connectionsAccepted <= 2)
            #expect(stage.aggregated.requests == 200)
            #expect(stage.aggregated.failuresByCategory == [.missed: 200 - sent])
            #expect(stage.aggregated.latency.count == sent, "a missed arrival has no latency")
            let lag = try #require(stage.aggregated.lag)
            #expect(lag.count == sent && lag.maxMicros < 400_000, "\(lag.maxMicros)")
            #expect(result.failures.allSatisfy { $0.category == .missed })
            #expect(result.failures.map(\.occurrences).reduce(0, +) == 200 - sent)
        }
    }

    /// Poisson arrivals with a seed: two runs send the same requests, with the same data rows, at the same intended
    /// times (the per-second counts, attributed by intended time, agree), as many as the pure plan says.
    @Test func poissonArrivalsWithASeedRepeat() async throws {
        let yaml = """
            name: poisson
            target: http://127.0.0.1:1
            data:
              ids: { range: [1, 20] }
            requests:
              - { name: item, path: "/item/{{ ids }}/" }
              - { name: ok, path: /ok, weight: 2 }
            stages:
              - { rate: 150/s, arrivals: poisson, duration: 2s }
            """
        func run(seed: UInt64) async throws -> (paths: [String: Int], seconds: [UInt64], sent: UInt64) {
            try await TestHTTPServer.withServer { server in
                let profile = try EngineHarness.profile(yaml, target: server.baseURL)
                let engine = LoadEngine(profile: profile, options: EngineOptions(seed: seed, commandLine: ["test"], loadRunnerVersion: "test"))
                let observer = RecordingObserver()
                let result = try await engine.run(observer: observer, stop: StopSignal())
                var paths = ["/ok": server.requests(forPathPrefix: "/ok")]
                for id in 1...20 { paths["/item/\(id)/"] = server.requests(forPathPrefix: "/item/\(id)/") }
                return (paths, observer.samples.map(\.aggregated.requests), result.stages[0].open?.sent ?? 0)
            }
        }
        let planned = ArrivalPlan(stages: try EngineHarness.profile(yaml, target: "http://127.0.0.1:1").stages, seed: 9)
            .reduce(0) { count, _ in count + 1 }
        let first = try await run(seed: 9)
        let second = try await run(seed: 9)
        #expect(first.sent == UInt64(planned))
        #expect(first.paths.values.reduce(0, +) == planned)
        #expect(first.paths == second.paths)
        #expect(first.seconds == second.seconds)
        let other = try await run(seed: 10)
        #expect(other.paths != first.paths)
    }

    /// A stop drains 2 s, then records what is still unanswered as `incomplete`; arrivals due after the stop are
    /// not due (not counted), and every arrival due before it was sent.
    @Test func aStopDrainsTwoSecondsThenRecordsTheRestAsIncomplete() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: stopped open
                target: http://127.0.0.1:1
                timeout: 30s
                requests:
                  - { name: stall, path: /stall }
                stages:
                  - { rate: 50/s, duration: 30s }
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
            let stage = result.stages[0]
            let open = try #require(stage.open)
            let served = UInt64(server.requestsServed)
            #expect(open.due == open.sent && open.sent == served && open.completed == 0 && open.missed == 0)
            #expect(served >= 40 && served <= 80, "\(served)")
            #expect(stage.aggregated.requests == served)
            #expect(stage.aggregated.failuresByCategory == [.incomplete: served])
            #expect(stage.aggregated.latency.count == 0)
            #expect(result.interrupted && stage.cutShort == true)
        }
    }
}

/// Open and closed stages follow each other in one profile: the closed stage between two open ones starts its users
/// as usual, and each open stage sends exactly its arrivals.
@Suite(.serialized) struct MixedModelEngineTests {
    @Test func openClosedOpenStagesEachRunTheirModel() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: mixed
                target: http://127.0.0.1:1
                think_time: { constant: 20ms }
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 100/s, duration: 1s }
                  - { users: 2, spawn_rate: 100, duration: 1s }
                  - { rate: 50/s, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.stages.map { $0.open?.sent } == [100, nil, 50])
            #expect(result.stages[0].aggregated.requests == 100)
            #expect(result.stages[2].aggregated.requests == 50)
            #expect(result.stages[1].aggregated.requests >= 20, "\(result.stages[1].aggregated.requests)")
            #expect(result.stages[1].aggregated.service == nil, "a closed row has no service histogram")
            let total = result.stages.map(\.aggregated.requests).reduce(0, +)
            #expect(total == UInt64(server.requestsServed))
        }
    }

    /// A closed stage that ends by count moves the open stage after it earlier (its planned 30 min become a
    /// moment): the open stage's arrivals follow its actual start, and it sends exactly its 100.
    @Test func anOpenStageAfterACountedStageFollowsTheMovedTimeline() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: moved
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, requests: 20 }
                  - { rate: 100/s, duration: 1s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            #expect(result.stages.count == 2)
            #expect(result.stages[0].requestsSent == 20)
            #expect(result.stages[1].startSeconds < 10, "\(result.stages[1].startSeconds)")
            #expect(result.stages[1].open?.due == 100 && result.stages[1].open?.sent == 100)
            #expect(server.requestsServed == 120)
            #expect(observer.samples.map(\.aggregated.requests).reduce(0, +) == 120)
        }
    }
}
