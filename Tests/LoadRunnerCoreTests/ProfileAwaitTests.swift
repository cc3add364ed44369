import LoadRunnerModel
import LoadRunnerProfile
import Testing

/// A profile whose one flow creates an item (line 5) and then runs `awaitStep` (from line 7).
private func awaitProfile(_ awaitStep: String) -> String {
    """
    target: http://127.0.0.1:8085
    flows:
      - name: write
        steps:
          - { name: create, method: POST, path: /items, body: "{}", capture: { id: "json:$.id" } }
          - await:
    \(awaitStep)
    stages:
      - { users: 2, duration: 10s }
    """
}

/// `await:` steps as the profile decodes them, and every mistake with its line.
@Suite struct ProfileAwaitTests {
    @Test func anAwaitStepDecodesItsReadUntilEveryWithinAndBy() throws {
        let profile = try ProfileFixtures.load(awaitProfile("""
                      request: { name: item/get, path: "/items/{{ id }}" }
                      until: [ "status == 200", "json:$.id == {{ id }}" ]
                      every: 10ms
                      within: 2s
                      by: "header:X-Served-By"
            """))
        #expect(profile.requests.map(\.name) == ["create", "item/get"])
        #expect(profile.flows.first?.steps == [.request(0), .await(AwaitStep(request: 1, every: .milliseconds(10), within: .seconds(2)))])
        let probe = try #require(profile.requests[1].probe)
        #expect(probe.until.map(\.text) == ["status == 200", "json:$.id == {{ id }}"])
        #expect(probe.by == .header("X-Served-By") && probe.byText == "header:X-Served-By")
        #expect(profile.requests[1].keepsBody && profile.requests[1].keepsHeaders)
        #expect(profile.hasAwaitSteps)
    }

    @Test func everyAndWithinDefaultTo5msAnd5s() throws {
        let profile = try ProfileFixtures.load(awaitProfile("""
                      request: { name: item/get, path: "/items/{{ id }}" }
                      until: "status == 200"
            """))
        #expect(profile.flows.first?.steps.last == .await(AwaitStep(request: 1, every: .milliseconds(5), within: .seconds(5))))
        #expect(profile.requests[1].probe == ProbeSpec(until: profile.requests[1].probe?.until ?? [], by: nil, byText: nil))
        #expect(!profile.requests[1].keepsBody && !profile.requests[1].keepsHeaders)
    }

    /// Each mistake, at its key path and line, with what to do.
    @Test(arguments: [
        (awaitProfile("          until: \"status == 200\""), "flows[0].steps[1].await.request", 7,
         "is missing; add it, e.g. `request: { name: item/get"),
        (awaitProfile("          request: { name: item/get, path: \"/items/{{ id }}\" }"), "flows[0].steps[1].await.until", 7,
         "is missing; add it, e.g. `until: \"status == 200\"`"),
        (awaitProfile("          request: { name: g, path: \"/items/{{ id }}\" }\n          until: \"status == 200\"\n          every: 2s\n          within: 1s"),
         "flows[0].steps[1].await.every", 9, "polls every 2s, which is longer than `within: 1s`"),
        (awaitProfile("          request: { name: g, path: \"/items/{{ id }}\" }\n          until: \"status = 200\""),
         "flows[0].steps[1].await.until", 8, "\"status = 200\""),
        (awaitProfile("          request: { name: g, path: \"/items/{{ id }}\" }\n          until: \"status == 200\"\n          by: \"nodes\""),
         "flows[0].steps[1].await.by", 9, ""),
        (awaitProfile("          request: { name: g, path: \"/items/{{ id }}\" }\n          until: []"),
         "flows[0].steps[1].await.until", 8, "is an empty list"),
        (awaitProfile("          request: { name: g, path: \"/items/{{ ids }}\" }\n          until: \"status == 200\""),
         "flows[0].steps[1].await.request.path", 7, "uses `{{ ids }}` but there is no data source or captured variable"),
        ("target: http://127.0.0.1:8085\nrequests:\n  - { name: a, path: / }\n  - { await: { request: { name: g, path: / }, until: \"status == 200\" } }\nstages: [{ users: 1, duration: 1s }]",
         "requests[1]", 4, "is an `await:` step in the request mix"),
    ] as [(String, String, Int, String)])
    func mistakesAreReportedWithTheirLine(yaml: String, keyPath: String, line: Int, message: String) {
        let problems = ProfileFixtures.problems(yaml)
        #expect(problems.contains { $0.keyPath == keyPath && $0.line == line && $0.message.hasPrefix(message) },
                "got \(problems.map { "\($0.keyPath):\($0.line ?? 0) \($0.message)" })")
    }
}
