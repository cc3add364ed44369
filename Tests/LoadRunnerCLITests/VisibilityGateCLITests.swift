import Foundation
import LoadRunnerTestSupport
import Testing

/// Visibility probes as gates, against ground truth: the test server's `POST /items?visible_after_ms=D` makes an item
/// readable only D ms after its creation. With D = 0 every first read sees the write (stale rate 0); with D = 40 none
/// does (stale rate 1) and the time to visibility rises by about 40 ms. A threshold on the stale rate passes on the
/// first run and exits 99 on the second; `compare` with a budget on it exits 2 and shows the change.
@Suite(.serialized) struct VisibilityGateCLITests {
    static let profile = """
        target: http://127.0.0.1:1
        flows:
          - name: write then read
            steps:
              - { name: create, method: POST, path: "/items?visible_after_ms=DELAY", body: "{}", expect: 201,
                  capture: { id: "json:$.id" } }
              - await:
                  request: { name: read, path: "/items/{{ id }}" }
                  until: "status == 200"
                  every: 5ms
                  within: 2s
        stages:
          - { users: 2, spawn_rate: 100, duration: 1500ms }
        thresholds:
          - "visibility[read].stale_rate < 0.01"
          - "flow[write then read].skipped < 1"
        """

    @Test func aStaleRateThresholdAndBudgetSeeADelayedWrite() async throws {
        let folder = try BinaryRunner.folder([
            "now.yaml": Self.profile.replacingOccurrences(of: "DELAY", with: "0"),
            "late.yaml": Self.profile.replacingOccurrences(of: "DELAY", with: "40"),
        ])
        for (out, status) in [("now", Int32(0)), ("late", Int32(99))] {
            let output = try await TestHTTPServer.withServer { server in
                try await BinaryRunner.run(["run", "\(out).yaml", "--target", server.baseURL, "--out", out, "--quiet"], in: folder)
            }
            #expect(output.status == status, "\(out): \(output.stderr)")
        }
        let late = try String(contentsOf: folder.appendingPathComponent("late/result.json"), encoding: .utf8)
        #expect(late.contains("\"visibility[read].stale_rate\""))

        let compare = try await BinaryRunner.run(
            ["compare", "now", "late", "--out", "cmp", "--fail-on", "visibility[read].stale_rate > +1%"], in: folder)
        #expect(compare.status == 2, "\(compare.stdout)\(compare.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("cmp/compare.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(json["flows"] as? [[String: Any]])
        func row(_ metric: String) -> [String: Any]? { rows.first { $0["metric"] as? String == metric } }
        let stale = try #require(row("visibility[read].stale_rate"))
        #expect(stale["baseline"] as? Double == 0)
        #expect(stale["candidate"] as? Double == 1)
        #expect(stale["verdict"] as? String == "worse")
        let p95 = try #require(row("visibility[read].p95"))
        // 40 ms later, less the write's own answer time (its response ends after the item's clock starts): >= ~35 ms.
        #expect(try #require(p95["change"] as? Double) >= 35_000, "\(p95)")
        #expect(row("flow[write then read].completed") != nil)
        let page = try String(contentsOf: folder.appendingPathComponent("cmp/compare.md"), encoding: .utf8)
        #expect(page.contains("## Flows and visibility") && page.contains("stale_rate"))
    }
}
