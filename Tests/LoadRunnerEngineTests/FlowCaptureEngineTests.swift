import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// Flows with captures against the real test server, whose `/items` routes keep which connection (virtual user)
/// created and read each id: a step reads back the id an earlier step captured, and a capture that finds nothing
/// skips the rest of its iteration.
@Suite(.serialized) struct FlowCaptureEngineTests {
    /// Each iteration creates an item and reads it back by its captured id, asserting the body holds that id: every
    /// read asks for an id its own user was issued, none fails, and reads never outnumber creates.
    @Test func aStepReadsBackTheIDAnEarlierStepCaptured() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                flows:
                  - name: write then read
                    steps:
                      - { name: create, method: POST, path: /items, body: "{}", expect: 201, capture: { id: "json:$.id" } }
                      - { name: read, path: "/items/{{ id }}", assert: [ "json:$.id == {{ id }}" ] }
                stages:
                  - { users: 3, spawn_rate: 100, duration: 2s }
                """#, target: server.baseURL)
            // One user per curl loop, so that a connection is one user (a loop's transfers share its connections).
            let (result, _) = try await EngineHarness.run(profile, loops: 3)
            let create = result.windowRequests(named: "create"), read = result.windowRequests(named: "read")
            #expect(result.failures.isEmpty, "\(result.failures.map { "\($0.name): \($0.message) x\($0.occurrences)" })")
            #expect(read.requests > 10)
            #expect(server.items.readsOfUnknown == 0 && server.items.readsByOthers == 0)
            #expect(server.items.readsByOwner == server.items.readIDs.count)
            #expect(Set(server.items.readIDs).isSubset(of: Set(server.items.issuedIDs)))
            // Each read follows its own create: a user's reads are at most its creates (one create may be cut off).
            #expect(server.items.issuedIDs.count >= server.items.readIDs.count)
            #expect(server.items.issuedIDs.count <= server.items.readIDs.count + 3)
            let flow = try #require(result.stages.first?.flows?.first)
            #expect(flow.iterationsSkipped == 0 && flow.iterationsCompleted > 0)
            #expect(create.requests >= read.requests)
        }
    }

    /// A capture that finds nothing fails its step (`capture`) and skips the rest of the iteration: the server never
    /// sees the read that needed the value, and every iteration counts as skipped.
    @Test func aFailedCaptureSkipsTheRestOfTheIteration() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile(#"""
                target: http://127.0.0.1:1
                flows:
                  - name: write then read
                    steps:
                      - { name: create, method: POST, path: /items, body: "{}", expect: 201, capture: { id: "json:$.missing" } }
                      - { name: read, path: "/items/{{ id }}" }
                stages:
                  - { users: 2, spawn_rate: 100, duration: 1s }
                """#, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let create = result.windowRequests(named: "create")
            #expect(create.requests > 5)
            #expect(create.failuresByCategory[.capture] == create.requests)
            #expect(server.items.readIDs.isEmpty && server.items.readsOfUnknown == 0)
            #expect(server.requests(forPathPrefix: "/items/") == 0)
            let flow = try #require(result.stages.first?.flows?.first)
            #expect(flow.iterationsCompleted == 0)
            #expect(flow.iterationsSkipped >= create.requests - 2 && flow.iterationsSkipped <= create.requests)
        }
    }
}
