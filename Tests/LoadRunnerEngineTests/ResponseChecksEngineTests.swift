import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// Captures, per-user variables, assertions and `max_body` against the real test server, whose `/items` routes
/// keep which connection (virtual user) created and read each id.
@Suite(.serialized) struct ResponseChecksEngineTests {
    @Test func capturedIDsAreTheOnesIssuedAndEachUserReadsOnlyItsOwn() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                requests:
                  - { name: create, method: POST, path: /items, body: "{}", expect: 201,
                      capture: { id: "json:$.id", loc: "header:Location" } }
                  - { name: read, path: "/items/{{ id }}", headers: { X-Item: "{{ id }}" },
                      assert: [ "json:$.id == {{ id }}", "json:$.name == item {{ id }}", "json:$.tags.length >= 2", "status in 200-299" ] }
                  - { name: echo, path: /echo, query: { loc: "{{ loc }}" }, assert: [ "json:$.query == loc=%2Fitems%2F{{ id }}" ] }
                stages:
                  - { users: 3, spawn_rate: 100, requests: 300 }
                """#, target: server.baseURL)
            // One user per curl loop: a loop's transfers share its connection cache, so only then is a connection
            // one user, and the server's connection is the user's identity.
            let (result, _) = try await EngineHarness.run(profile, loops: 3)
            let create = result.windowRequests(named: "create")
            let read = result.windowRequests(named: "read")
            let echo = result.windowRequests(named: "echo")
            #expect(create.requests + read.requests + echo.requests == 300)
            #expect(create.failures == 0)
            #expect(server.items.issuedIDs.count == Int(create.requests))
            // Every read that went out asked for an id its own user had been issued.
            #expect(server.items.readsByOthers == 0)
            #expect(server.items.readsByOwner > 0)
            #expect(server.items.readsOfUnknown == 0)
            #expect(UInt64(server.items.readsByOwner) == read.requests - (read.failuresByCategory[.capture] ?? 0))
            #expect(Set(server.items.readIDs).isSubset(of: Set(server.items.issuedIDs)))
            // Only reads before the user's first create fail, as `capture`, unsent; none fails an assertion.
            #expect(read.failures == (read.failuresByCategory[.capture] ?? 0))
            #expect(echo.failures == (echo.failuresByCategory[.capture] ?? 0))
            #expect(read.latency.count == UInt64(server.items.readsByOwner))
            #expect(server.connectionsAccepted == 3)
            let unset = result.failures.filter { $0.category == .capture }.map(\.message)
            #expect(Set(unset).isSubset(of: [
                "not sent: {{ id }} has no value yet (no earlier response of this user captured it)",
                "not sent: {{ loc }} has no value yet (no earlier response of this user captured it)",
            ]))
        }
    }

    /// Assertions that read neither body nor headers (status, latency, size) keep nothing, and are judged all the same.
    @Test func assertionsOnStatusLatencyAndSizeAloneAreJudged() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                requests:
                  - { name: status-only, path: /delay/1, assert: [ "status == 201" ] }
                  - { name: latency-only, path: /delay/20, assert: [ "latency < 5ms" ] }
                  - { name: holds, path: /delay/1, assert: [ "status == 200", "size < 1MB" ] }
                stages:
                  - { users: 1, requests: 60 }
                """#, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let statusOnly = result.windowRequests(named: "status-only")
            let latencyOnly = result.windowRequests(named: "latency-only")
            let holds = result.windowRequests(named: "holds")
            #expect(statusOnly.requests + latencyOnly.requests + holds.requests == 60)
            #expect(statusOnly.requests > 0 && latencyOnly.requests > 0 && holds.requests > 0)
            #expect(statusOnly.failuresByCategory == [.assertion: statusOnly.requests])
            #expect(latencyOnly.failuresByCategory == [.assertion: latencyOnly.requests])
            #expect(holds.failures == 0)
            #expect(UInt64(server.requests(forPathPrefix: "/delay/")) == 60)
        }
    }

    @Test func aWrongAssertionFailsExactlyTheRequestsItShould() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                requests:
                  - { name: create, method: POST, path: /items, expect: 201, capture: { id: "json:$.id" }, assert: [ "status == 200" ] }
                  - { name: read, path: "/items/{{ id }}", assert: [ "json:$.id <= 5" ] }
                stages:
                  - { users: 1, requests: 40 }
                """#, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let create = result.windowRequests(named: "create")
            let read = result.windowRequests(named: "read")
            // `status == 200` fails every create (the server answers 201), so nothing is captured and no read is sent.
            #expect(create.failuresByCategory == [.assertion: create.requests])
            #expect(server.items.issuedIDs.count == Int(create.requests))
            #expect(server.items.readIDs.isEmpty)
            #expect(read.failuresByCategory == [.capture: read.requests])
            #expect(result.failures.contains { $0.name == "create" && $0.message == "status == 200: got 201" })
        }
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                requests:
                  - { name: create, method: POST, path: /items, expect: 201, capture: { id: "json:$.id" } }
                  - { name: read, path: "/items/{{ id }}", weight: 3, assert: [ "json:$.id <= 5" ] }
                stages:
                  - { users: 1, requests: 60 }
                """#, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let read = result.windowRequests(named: "read")
            let above = UInt64(server.items.readIDs.filter { $0 > 5 }.count)
            #expect(above > 0)
            #expect(read.failuresByCategory[.assertion] ?? 0 == above)
            #expect(result.failures.contains { $0.category == .assertion && $0.message == "json:$.id <= 5" && $0.occurrences == above })
        }
    }

    /// The example of docs/profile.md's "Captures and assertions", run as written against the test server's `/items`.
    @Test func theDocumentedExampleWorks() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/profile.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Captures and assertions").dropFirst().first)
        let example = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(
                "target: http://127.0.0.1:1\n" + example + "stages:\n  - { users: 1, requests: 20 }\n", target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let create = result.windowRequests(named: "item/create")
            let get = result.windowRequests(named: "item/get")
            #expect(create.requests > 0 && create.failures == 0)
            // Only reads before the first create fail (not sent); every read sent passed all eight assertions.
            #expect(get.failures == (get.failuresByCategory[.capture] ?? 0))
            #expect(UInt64(server.items.readsByOwner) == get.requests - get.failures)
        }
    }

    @Test func aBodyAboveMaxBodyFailsCleanlyAndPlainRequestsKeepNothing() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                max_body: 4KiB
                requests:
                  - { name: announced, path: /bytes/5000, assert: [ "body contains x" ] }
                  - { name: chunked, path: "/bytes/5000?chunked", capture: { n: "regex:(.)" } }
                  - { name: fits, path: /bytes/3000, max_body: 3000, assert: [ "size == 3000" ] }
                  - { name: plain, path: /bytes/50000 }
                stages:
                  - { users: 2, requests: 60 }
                """#, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let announced = result.windowRequests(named: "announced")
            let chunked = result.windowRequests(named: "chunked")
            #expect(announced.requests > 0 && chunked.requests > 0)
            #expect(announced.failuresByCategory == [.assertion: announced.requests])
            #expect(chunked.failuresByCategory == [.capture: chunked.requests])
            let message = "response body above max_body (4 KiB); raise max_body if it is expected"
            #expect(result.failures.filter { $0.message == message }.map(\.occurrences).reduce(0, +)
                == announced.requests + chunked.requests)
            #expect(result.windowRequests(named: "fits").failures == 0)
            let plain = result.windowRequests(named: "plain")
            #expect(plain.failures == 0 && plain.bodyBytes == plain.requests * 50_000)
        }
    }
}
