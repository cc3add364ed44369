import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// The engine against a real HTTP server on 127.0.0.1: counts, keep-alive, failure categories, stops.
@Suite(.serialized) struct LoadEngineTests {
    @Test func eachUserKeepsOneConnectionAlive() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: keep-alive
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 5, spawn_rate: 100, duration: 2s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stats = result.stages[0].aggregated
            #expect(stats.requests > 50)
            #expect(stats.failures == 0)
            #expect(server.connectionsAccepted == 5)
            #expect(stats.newConnections == 5)
            // Everything recorded was served; the server also answered the few requests that ended after
            // the stage (outside its window) before the users stopped.
            let served = UInt64(server.requests(forPathPrefix: "/ok"))
            #expect(served >= stats.requests && served - stats.requests < stats.requests / 10)
            #expect(!result.interrupted)
            #expect(observer.started)
            #expect(observer.samples.map(\.second) == [0, 1])
            #expect(observer.samples.map(\.aggregated.requests).reduce(0, +) == stats.requests)
        }
    }

    @Test func warmupIsLeftOutOfTheWindowButKeptInTheSeries() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: warm-up
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 2, duration: 3s, warmup: 1s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            #expect(stage.windowStartSeconds == 1 && stage.windowEndSeconds == 3)
            let seriesInWindow = observer.samples.filter(\.inWindow).map(\.aggregated.requests).reduce(0, +)
            let seriesTotal = observer.samples.map(\.aggregated.requests).reduce(0, +)
            #expect(stage.aggregated.requests == seriesInWindow)
            #expect(seriesTotal > seriesInWindow)
        }
    }

    @Test func failuresAreCountedByCategory() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: failures
                target: http://127.0.0.1:1
                timeout: 300ms
                requests:
                  - { name: unavailable, path: /status/503 }
                  - { name: closed, path: /close }
                  - { name: garbage, path: /garbage }
                  - { name: stalled, path: /stall }
                  - { name: missing-ok, path: /status/404, expect: 404 }
                stages:
                  - { users: 4, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            // A connection the server closed shows as an empty reply, or as a failed read or write when
            // libcurl was reusing it at that moment.
            let categories: [String: Set<FailureCategory>] = [
                "unavailable": [.httpStatus], "closed": [.emptyReply, .read, .write], "garbage": [.protocolError],
                "stalled": [.timeout],
            ]
            for (name, allowed) in categories {
                let stats = result.windowRequests(named: name)
                #expect(stats.requests > 0, "\(name) was never sent")
                #expect(stats.failures == stats.requests, "\(name): every request must fail")
                #expect(Set(stats.failuresByCategory.keys).isSubset(of: allowed), "\(name): \(stats.failuresByCategory)")
            }
            #expect(result.windowRequests(named: "closed").failuresByCategory[.emptyReply] ?? 0 > 0)
            #expect(result.windowRequests(named: "missing-ok").failures == 0)
            #expect(result.failures.contains { $0.name == "unavailable" && $0.message == "HTTP 503" && $0.occurrences > 0 })
            #expect(result.failures.allSatisfy { $0.firstSeen <= $0.lastSeen })
        }
    }

    @Test func aTargetThatIsDownGivesConnectFailuresNotACrash() async throws {
        let port = try await TestHTTPServer.withServer { $0.port }  // now closed: connections are refused
        let profile = try EngineHarness.profile("""
            name: down
            target: http://127.0.0.1:1
            requests:
              - { name: ok, path: /ok }
            think_time: 10ms
            stages:
              - { users: 2, duration: 1s }
            """, target: "http://127.0.0.1:\(port)")
        let (result, _) = try await EngineHarness.run(profile)
        let stats = result.stages[0].aggregated
        #expect(stats.requests > 0)
        #expect(stats.failuresByCategory[.connect] == stats.requests)
    }

    @Test func largeBodiesAreCountedNotKept() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: bodies
                target: http://127.0.0.1:1
                requests:
                  - { name: big, path: /bytes/3000000 }
                stages:
                  - { users: 2, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stats = result.stages[0].aggregated
            #expect(stats.requests > 0)
            #expect(stats.failures == 0)
            #expect(stats.bodyBytes == stats.requests * 3_000_000)
        }
    }

    @Test func everyReferenceToOneSourceUsesTheSameRowInARequest() async throws {
        try await TestHTTPServer.withServer { server in
            // Matching rows make 200 or 404; a mix of two rows would make 204 or 400 (counted as failures).
            let profile = try EngineHarness.profile("""
                name: rows
                target: http://127.0.0.1:1
                data:
                  codes: { csv: codes.csv }
                requests:
                  - { name: status, path: "/status/{{ codes.head }}{{ codes.tail }}", expect: [200, 404] }
                stages:
                  - { users: 3, duration: 1s }
                """, target: server.baseURL, files: ["codes.csv": "head,tail\n20,0\n40,4\n"])
            let (result, _) = try await EngineHarness.run(profile)
            let stats = result.stages[0].aggregated
            #expect(stats.requests > 20)
            #expect(stats.failures == 0)
            #expect(server.requests(forPathPrefix: "/status/200") > 0)
            #expect(server.requests(forPathPrefix: "/status/404") > 0)
        }
    }

    @Test func fetchedValuesFeedTheRequests() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: fetch
                target: http://127.0.0.1:1
                data:
                  ids: { fetch: "/user/get-ids?number=50&random=true" }
                requests:
                  - { name: user/get, path: "/user/get/{{ ids }}" }
                stages:
                  - { users: 2, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.stages[0].aggregated.requests > 0)
            #expect(result.stages[0].aggregated.failures == 0)
        }
    }

    @Test func aFailedFetchStopsTheRunBeforeAnyLoad() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: bad fetch
                target: http://127.0.0.1:1
                data:
                  ids: { fetch: "/status/500" }
                requests:
                  - { name: user/get, path: "/user/get/{{ ids }}" }
                stages:
                  - { users: 2, duration: 1s }
                """, target: server.baseURL)
            await #expect(throws: EngineError.self) { try await EngineHarness.run(profile) }
            #expect(server.requests(forPathPrefix: "/user/get/") == 0)
        }
    }

    @Test func aStopRequestEndsTheRunEarlyAndKeepsWhatWasMeasured() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: interrupted
                target: http://127.0.0.1:1
                requests:
                  - { name: slow, path: /delay/50 }
                  - { name: stalled, path: /stall }
                stages:
                  - { users: 4, duration: 60s }
                """, target: server.baseURL)
            let stop = StopSignal()
            let stopper = Task {
                try await Task.sleep(for: .milliseconds(1500))
                stop.request()
            }
            let (result, _) = try await EngineHarness.run(profile, stop: stop)
            _ = try await stopper.value
            #expect(result.interrupted)
            #expect(result.stages.count == 1)
            #expect(result.stages[0].endSeconds < 10)
            #expect(result.windowRequests(named: "slow").requests > 0)
        }
    }

    @Test func usersRampAtTheSpawnRateAndSeveralLoopsShareTheWork() async throws {
        try await TestHTTPServer.withServer { server in
            // No think time: every user always has a request out, so each holds a connection of its own.
            let profile = try EngineHarness.profile("""
                name: ramp
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/2 }
                stages:
                  - { users: 6, spawn_rate: 3, duration: 3s }
                  - { users: 2, spawn_rate: 100, duration: 1s }
                """, target: server.baseURL)
            let (result, observer) = try await EngineHarness.run(profile, loops: 3)
            #expect(result.stages.count == 2)
            let users = observer.samples.map(\.users)
            #expect(users.first ?? 0 < 6)
            #expect(users.contains(6))
            #expect(users.last == 2)
            #expect(server.connectionsAccepted == 6)
            #expect(result.stages.allSatisfy { $0.aggregated.failures == 0 })
        }
    }
}
