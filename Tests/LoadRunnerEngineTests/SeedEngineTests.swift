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
