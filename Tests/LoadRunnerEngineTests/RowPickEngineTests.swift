import Foundation
@testable import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// Data sources' `pick:` against the test server, which logs every request in order with its connection: `unique`
/// sends each row once and ends the stage, `sequential` sends rows in order, `per_user` keeps a user on one row,
/// open arrivals take row k, and `zipf` follows the seed.
@Suite(.serialized) struct RowPickEngineTests {
    /// The paths under `/item/` the server received, in order, with their connection numbers.
    static func items(_ server: TestHTTPServer) -> [ServedRequest] {
        server.requestLog.filter { $0.path.hasPrefix("/item/") }
    }

    @Test func uniqueSendsEachRowOnceThenTheStageEndsAndTheNextHasNone() async throws {
        let rows = (1...50).map { "v\($0)" }
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: unique
                target: http://127.0.0.1:1
                data:
                  ids: { csv: ids.csv, pick: unique }
                requests:
                  - { name: item, path: "/item/{{ ids.id }}/" }
                  - { name: ok, path: /ok }
                stages:
                  - { users: 4, duration: 60s }
                  - { users: 2, duration: 60s }
                """, target: server.baseURL, files: ["ids.csv": "id\n" + rows.joined(separator: "\n") + "\n"])
            let (result, observer) = try await EngineHarness.run(profile)
            #expect(Self.items(server).map(\.path).sorted() == rows.map { "/item/\($0)/" }.sorted())
            #expect(result.stages.count == 2)
            #expect(result.stages[0].requests.first { $0.name == "item" }?.requests == 50)
            // Stage 2 ends at its first request that needs a row: it sends none of them.
            #expect(result.stages[1].requests.first { $0.name == "item" }?.requests ?? 0 == 0)
            // Both stages ended early (each planned a minute).
            #expect(result.stages[1].endSeconds < 60)
            #expect(!result.interrupted)
            #expect(observer.notes.contains { $0.hasPrefix("data.ids (pick: unique) used all its 50 rows, so stage 1 ended") })
        }
    }

    @Test func uniqueThatWrapsStartsOver() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: wrap
                target: http://127.0.0.1:1
                data:
                  ids: { values: [a, b, c], pick: unique, when_exhausted: wrap }
                requests:
                  - { name: item, path: "/item/{{ ids }}/" }
                stages:
                  - { users: 1, requests: 8 }
                """, target: server.baseURL)
            _ = try await EngineHarness.run(profile)
            #expect(Self.items(server).map(\.path) == ["a", "b", "c", "a", "b", "c", "a", "b"].map { "/item/\($0)/" })
        }
    }

    /// One user sends the rows in order; requests that do not use the source do not take a row.
    @Test func sequentialWithOneUserSendsRowsInOrder() async throws {
        let letters = ["a", "b", "c", "d", "e"]
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: sequential
                target: http://127.0.0.1:1
                data:
                  ids: { values: [a, b, c, d, e], pick: sequential }
                requests:
                  - { name: item, path: "/item/{{ ids }}/" }
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, requests: 40 }
                """, target: server.baseURL)
            _ = try await EngineHarness.run(profile)
            let paths = Self.items(server).map(\.path)
            #expect(paths.count > 5 && server.requestsServed == 40)
            #expect(paths == paths.indices.map { "/item/\(letters[$0 % 5])/" })
        }
    }

    /// Many users share one counter: 100 requests over 10 rows send each row exactly 10 times.
    @Test func sequentialWithManyUsersSendsAnExactMultiset() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: sequential
                target: http://127.0.0.1:1
                data:
                  ids: { range: [1, 10], pick: sequential }
                requests:
                  - { name: item, path: "/item/{{ ids }}/" }
                stages:
                  - { users: 4, requests: 100 }
                """, target: server.baseURL)
            _ = try await EngineHarness.run(profile, loops: 2)
            let counts = Dictionary(Self.items(server).map { ($0.path, 1) }, uniquingKeysWith: +)
            #expect(counts == Dictionary(uniqueKeysWithValues: (1...10).map { ("/item/\($0)/", 10) }))
        }
    }

    /// Each of 3 users runs alone on its own loop, so its connection is its own: every connection carries one value,
    /// and the users' values are the first three rows.
    @Test func perUserKeepsOneRowForEachUsersLife() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: per-user
                target: http://127.0.0.1:1
                data:
                  names: { csv: names.csv, pick: per_user }
                requests:
                  - { name: item, path: "/item/{{ names.id }}/", headers: { X-Name: "{{ names.name }}" } }
                think_time: 5ms
                stages:
                  - { users: 3, spawn_rate: 100, duration: 1s }
                """, target: server.baseURL, files: ["names.csv": "id,name\n1,ann\n2,bo\n3,cy\n4,di\n5,ed\n"])
            _ = try await EngineHarness.run(profile, loops: 3)
            let byConnection = Dictionary(grouping: Self.items(server), by: \.connection).mapValues { Set($0.map(\.path)) }
            #expect(Self.items(server).count == server.requestsServed)
            #expect(byConnection.values.allSatisfy { $0.count == 1 }, "\(byConnection)")
            #expect(Set(byConnection.values.flatMap { $0 }) == ["/item/1/", "/item/2/", "/item/3/"])
        }
    }

    /// Open arrival k takes row k mod rows, whatever its timing: 10 arrivals over 4 rows.
    @Test func openArrivalsTakeRowKModRows() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: open-sequential
                target: http://127.0.0.1:1
                data:
                  ids: { values: [a, b, c, d], pick: sequential }
                  once: { values: [w, x, y, z], pick: unique, when_exhausted: wrap }
                requests:
                  - { name: item, path: "/item/{{ ids }}/{{ once }}/" }
                stages:
                  - { rate: 20/s, requests: 10 }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.stages[0].open?.sent == 10)
            let counts = Dictionary(Self.items(server).map { ($0.path, 1) }, uniquingKeysWith: +)
            #expect(counts == ["/item/a/w/": 3, "/item/b/x/": 3, "/item/c/y/": 2, "/item/d/z/": 2])
        }
    }

    /// Values drawn by Zipf's law follow the seed, and the first value is drawn about as often as P(1) says.
    @Test func zipfValuesFollowTheSeed() async throws {
        func counts(seed: UInt64) async throws -> [String: Int] {
            try await TestHTTPServer.withServer { server in
                let profile = try EngineHarness.profile("""
                    name: zipf
                    target: http://127.0.0.1:1
                    data:
                      ids: { range: [1, 20], zipf: 1.5 }
                    requests:
                      - { name: item, path: "/item/{{ ids }}/" }
                    stages:
                      - { users: 1, requests: 400 }
                    """, target: server.baseURL)
                let engine = LoadEngine(profile: profile, options: EngineOptions(seed: seed, commandLine: ["test"], loadRunnerVersion: "test"))
                _ = try await engine.run(observer: RecordingObserver(), stop: StopSignal())
                return Dictionary(Self.items(server).map { ($0.path, 1) }, uniquingKeysWith: +)
            }
        }
        let first = try await counts(seed: 5)
        #expect(first.values.reduce(0, +) == 400)
        #expect(Set(first.keys).isSubset(of: Set((1...20).map { "/item/\($0)/" })))
        let p = ZipfSampler.probability(ofRank: 1, count: 20, exponent: 1.5)
        let sigma = (400 * p * (1 - p)).squareRoot()
        #expect(abs(Double(first["/item/1/", default: 0]) - 400 * p) <= 5 * sigma)
        #expect(try await counts(seed: 5) == first)
        #expect(try await counts(seed: 6) != first)
    }

    /// `random` draws exactly what the renderer drew before picks existed: `next(upperBound: rows)` for a table and
    /// `offset(in:)` for a range, so a seed sends the same rows as it did.
    @Test func randomPicksDrawAsBefore() {
        let table = SourceValues.table(name: "t", columns: ["a"], rows: (0..<37).map { ["\($0)"] })
        let range = SourceValues(name: "r", values: .range(-5...1_000_000))
        var picked = RandomSource(seed: 9, purpose: .closedUser, stream: 2)
        var plain = picked
        for _ in 0..<1000 {
            #expect(table.picker.randomRow(using: &picked) == plain.next(upperBound: 37))
            #expect(range.picker.randomRow(using: &picked) == plain.offset(in: -5...1_000_000))
        }
    }

    /// A `unique` source that ends the stage hands out each row once across users, then nothing; `per_user` and
    /// open arrivals take rows by index.
    @Test func pickersHandOutRowsByTheirRule() {
        let spec = { (pick: RowPick) in DataSourceSpec(name: "t", kind: .values([]), pick: pick) }
        let table = SourceValues.table(name: "t", columns: [""], rows: [["a"], ["b"], ["c"]])
        let unique = table.picking(as: spec(.unique(whenExhausted: .endStage))).picker
        #expect([0, 1, 2, 0, 1].map { unique.row(forUser: $0) } == [0, 1, 2, nil, nil])
        let perUser = table.picking(as: spec(.perUser)).picker
        #expect([0, 1, 2, 3, 4, 0].map { perUser.row(forUser: $0) } == [0, 1, 2, 0, 1, 0])
        let sequential = table.picking(as: spec(.sequential)).picker
        #expect([9, 3, 3, 3].map { sequential.row(forUser: $0) } == [0, 1, 2, 0])
        #expect([0, 1, 5, 7].map { sequential.row(forArrival: $0) } == [0, 1, 2, 1])
    }
}
