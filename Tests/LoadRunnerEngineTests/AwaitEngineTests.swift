import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// `await:` steps against the real test server, whose `POST /items?visible_after_ms=D` makes an item readable only
/// D ms after its creation (404 before): the ground truth the probes' time to visibility, first-poll counts and
/// `not_visible` failures are checked against, and the server's count of reads against the polls counted.
@Suite(.serialized) struct AwaitEngineTests {
    /// A flow that creates an item visible after `delayMillis`, then polls its read every 5ms for `within`.
    private static func profile(delayMillis: Int, within: String, target: String) throws -> Profile {
        try EngineHarness.profile("""
            target: http://127.0.0.1:1
            flows:
              - name: write then await
                steps:
                  - { name: create, method: POST, path: "/items?visible_after_ms=\(delayMillis)", body: "{}", expect: 201,
                      capture: { id: "json:$.id" } }
                  - await:
                      request: { name: read, path: "/items/{{ id }}" }
                      until: "status == 200"
                      every: 5ms
                      within: \(within)
                      by: "header:Content-Type"
            stages:
              - { users: 2, spawn_rate: 100, duration: 1500ms }
            """, target: target)
    }

    /// The requests named `name` the server must have seen: at least those in the statistics, at most those plus the
    /// ones in flight at the load's end (the run may give them up before the server reads them).
    private static func counted(_ result: RunResult, _ name: String) -> ClosedRange<Int> {
        let inFlight = result.stages.flatMap { $0.inFlightAtEnd ?? [] }.filter { $0.name == name }.map(\.count).reduce(0, +)
        let counted = Int(result.windowRequests(named: name).requests)
        return counted...(counted + inFlight)
    }

    /// All probes of the run, every node together.
    private static func probes(_ result: RunResult) -> VisibilityStats {
        var total = VisibilityStats(name: "read", node: nil)
        for stage in result.stages { for row in stage.visibility ?? [] { total.add(row) } }
        return total
    }

    /// An item visible 40ms after its creation: every probe sees it, none on its first poll, after 40ms (less the time
    /// the write's answer took to arrive) and not much more than 40ms + `every`; the server's stale reads are the polls
    /// that did not see it.
    @Test func aLaggingWriteIsSeenAfterItsDelay() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(delayMillis: 40, within: "2s", target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let probes = Self.probes(result)
            #expect(probes.probes > 5)
            #expect(probes.notVisible == 0 && probes.firstPollVisible == 0)
            #expect(probes.timeToVisibility.count == probes.probes)
            // The item became readable 40ms after the server created it, which happened during the write, before its
            // response ended: so time to visibility plus the write's latency is at least 40ms (1ms for the two clocks).
            let create = result.windowRequests(named: "create")
            #expect(probes.timeToVisibility.exactMinMicros + create.latency.exactMaxMicros + 1_000 >= 40_000)
            #expect(probes.timeToVisibility.micros(atPercentile: 50) >= 35_000)
            // 40ms, plus at most one `every` of 5ms, plus a generous margin for a loaded machine.
            #expect(probes.timeToVisibility.micros(atPercentile: 50) <= 40_000 + 5_000 + 100_000)
            #expect(probes.polls >= 2 * probes.probes)
            #expect(result.failures.isEmpty, "\(result.failures.map { "\($0.name): \($0.message) x\($0.occurrences)" })")
            #expect(Self.counted(result, "read").contains(server.items.gets))
            // Polls of probes the run's end cut off are not in `probes`: stale reads are at least the counted ones.
            #expect(server.items.staleReads >= Int(probes.polls - probes.probes))
            #expect(server.items.staleReads <= Int(probes.polls - probes.probes) + 2 * 60)
            // The first poll of each probe was answered by the 404's text, not by the item's JSON.
            let nodes = Set((result.stages.first?.visibility ?? []).map(\.node))
            #expect(nodes.count == 1 && nodes.first??.hasPrefix("text/plain") == true, "\(nodes)")
        }
    }

    /// An item visible at once: every probe's first poll sees it, one poll per probe, no stale read.
    @Test func anImmediateWriteIsSeenOnTheFirstPoll() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(delayMillis: 0, within: "2s", target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let probes = Self.probes(result)
            #expect(probes.probes > 5)
            #expect(probes.firstPollVisible == probes.probes && probes.notVisible == 0)
            #expect(probes.polls == probes.probes)
            #expect(probes.staleRate == 0)
            #expect(server.items.staleReads == 0)
            #expect(Self.counted(result, "read").contains(server.items.gets))
            #expect(result.failures.isEmpty)
            let nodes = Set((result.stages.first?.visibility ?? []).map(\.node))
            #expect(nodes == ["application/json"], "\(nodes)")
        }
    }

    /// An item visible after 300ms, polled for 60ms only: every probe ends `not_visible`, and each such probe's last poll
    /// is one `not_visible` failure of the read.
    @Test func aWriteLaterThanWithinIsNotVisible() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(delayMillis: 300, within: "60ms", target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let probes = Self.probes(result)
            let read = result.windowRequests(named: "read")
            #expect(probes.probes > 3)
            #expect(probes.notVisible == probes.probes && probes.firstPollVisible == 0)
            #expect(probes.timeToVisibility.count == 0)
            #expect(read.failuresByCategory[.notVisible] == probes.notVisible)
            #expect(read.failuresByCategory.count == 1)
            #expect(Self.counted(result, "read").contains(server.items.gets))
        }
    }
}
