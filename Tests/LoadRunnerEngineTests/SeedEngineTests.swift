import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// A closed run's random choices (request mix, data rows) follow the seed: the same seed sends the same requests
/// with the same rows, counted by the server; the result records the seed.
@Suite(.serialized) struct SeedEngineTests {
    static let yaml = """
        name: seeded
        target: http://127.0.0.1:1
        data:
          ids: { range: [1, 20] }
        requests:
          - { name: item, path: "/item/{{ ids }}/" }
          - { name: ok, path: /ok, weight: 2 }
        stages:
          - { users: 1, requests: 300 }
        """

    /// What the server saw, per path, from one run with `seed` (a fresh server each time).
    static func pathsServed(seed: UInt64) async throws -> [String: Int] {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(Self.yaml, target: server.baseURL)
            let engine = LoadEngine(profile: profile, options: EngineOptions(seed: seed, commandLine: ["test"], loadRunnerVersion: "test"))
            let result = try await engine.run(observer: RecordingObserver(), stop: StopSignal())
            #expect(result.seed == seed)
            #expect(ResultSchema.problems(inResult: try ResultJSON.encode(result)) == [])
            #expect(server.requestsServed == 300)
            var counts = ["/ok": server.requests(forPathPrefix: "/ok")]
            for id in 1...20 { counts["/item/\(id)/"] = server.requests(forPathPrefix: "/item/\(id)/") }
            return counts
        }
    }

    @Test func theSameSeedSendsTheSameRequestsWithTheSameRows() async throws {
        let first = try await Self.pathsServed(seed: 5)
        #expect(first.values.reduce(0, +) == 300)
        #expect(try await Self.pathsServed(seed: 5) == first)
        #expect(try await Self.pathsServed(seed: 6) != first)
    }
}

/// What the engine checks of an open-model profile before anything is sent.
@Suite struct OpenStageEngineTests {
    /// A socket per user or per open-stage connection, whichever is more (closed and open stages never run at
    /// once), plus 64 and 8 per loop.
    @Test(arguments: [(10, 0, 1, 82), (10, 10_000, 1, 10_072), (20_000, 500, 4, 20_096)])
    func openFilesCoverTheConnectionCap(users: Int, connections: Int, loops: Int, needed: Int) {
        #expect(LoadEngine.openFilesNeeded(users: users, connections: connections, loops: loops) == needed)
    }

    /// An open stage after a closed one runs (it was refused before open stages were dispatched): the `fetch` source
    /// is read once, and the open stage sends its 10 arrivals.
    @Test func anOpenStageAfterAClosedOneRuns() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: open
                target: http://127.0.0.1:1
                data:
                  ids: { fetch: "/user/get-ids?number=20" }
                requests:
                  - { name: ok, path: "/ok/{{ ids }}" }
                stages:
                  - { users: 1, duration: 1s }
                  - { rate: 10/s, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.stages.count == 2)
            #expect(result.stages[1].open?.sent == 10)
            #expect(result.stages[1].aggregated.requests == 10)
            #expect(server.requests(forPathPrefix: "/user/get-ids") == 1)
        }
    }
}
