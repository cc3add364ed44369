import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerProfile
import Testing

/// A profile with `flows` from line 2 and `extra` lines after the stages.
private func flowsProfile(_ flows: String, stages: String = "  - { users: 2, duration: 10s }", extra: String = "") -> String {
    "target: http://127.0.0.1:8085\nflows:\n\(flows)\nstages:\n\(stages)\n\(extra)"
}

/// `flows:` as the profile decodes it: flows, steps, think steps, sessions, and every mistake with its line.
@Suite struct ProfileFlowsTests {
    @Test func flowsDecodeWithTheirStepsAndOneRequestPerName() throws {
        let profile = try ProfileFixtures.load(flowsProfile("""
              - name: browse
                weight: 3
                on_start:
                  - { name: login, method: POST, path: /login, body: "{}" }
                steps:
                  - { name: home, path: / }
                  - think: 1s
                  - { name: item, path: /item }
                  - think: 1s to 3s
                on_stop:
                  - { name: logout, path: /logout }
              - name: peek
                cookies: false
                steps:
                  - { name: home, path: / }
                  - { think: 0s }
            """))
        #expect(profile.hasFlows)
        #expect(profile.requests.map(\.name) == ["login", "home", "item", "logout"])
        #expect(profile.flows == [
            FlowSpec(
                name: "browse", weight: 3, onStart: [.request(0)],
                steps: [.request(1), .think(.constant(.seconds(1))), .request(2), .think(.between(.seconds(1), .seconds(3)))],
                onStop: [.request(3)], cookies: true),
            FlowSpec(name: "peek", steps: [.request(1), .think(.none)], cookies: false),
        ])
    }

    @Test func profileCookiesFalseTurnsEveryFlowsJarOffUnlessAFlowSaysOtherwise() throws {
        let profile = try ProfileFixtures.load(flowsProfile("""
              - { name: a, steps: [{ name: home, path: / }] }
              - { name: b, cookies: true, steps: [{ name: home, path: / }] }
            """, extra: "cookies: false"))
        #expect(profile.flows.map(\.cookies) == [false, true])
    }

    @Test func aThresholdMayNameAStepsRequest() throws {
        let profile = try ProfileFixtures.load(flowsProfile(
            "  - { name: a, steps: [{ name: home, path: / }] }", extra: "thresholds:\n  - \"home: p99 < 1s\""))
        #expect(profile.thresholds.count == 1)
    }

    /// Each mistake, at its key path and line, with what to do.
    @Test(arguments: [
        (flowsProfile("  - { name: a, steps: [] }"), "flows[0].steps", 3, "is an empty list; a flow needs at least one step"),
        (flowsProfile("  - { name: a, steps: [{ think: 1s }] }"), "flows[0].steps", 3, "has only think steps"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }, { think: }] }"), "flows[0].steps[1].think", 3,
         "has no duration; write e.g. `think: 1s`"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }, { think: 3s to 1s }] }"), "flows[0].steps[1].think", 3,
         "waits from \"3s\" to \"1s\", which is backwards"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }, { think: 2 }] }"), "flows[0].steps[1].think", 3,
         "\"2\" has no unit"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: /, think: 1s }] }"), "flows[0].steps[0]", 3,
         "is a think step with `name`, `path` beside `think`"),
        (flowsProfile("  - { name: a, stpes: [{ name: h, path: / }] }"), "flows[0].stpes", 3,
         "is not a known key; did you mean `steps`?"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }, { thnk: 1s }] }"), "flows[0].steps[1].thnk", 3,
         "is not a known key; did you mean `think`?"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: /, weight: 2 }] }"), "flows[0].steps[0].weight", 3,
         "is not a known key"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }] }\n  - { name: a, steps: [{ name: h, path: / }] }"),
         "flows[1].name", 4, "\"a\" is already the name of flows[0]"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }] }\n  - { name: b, steps: [{ name: h, path: /other }] }"),
         "flows[1].steps[0].name", 4, "\"h\" is also the name of flows[0].steps[0], a different request"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }] }", stages: "  - { rate: 10/s, duration: 10s }"),
         "flows", 3, "run closed stages only (virtual users, `users:`), but stages[0] is an open stage"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }] }", extra: "requests: [{ name: x, path: / }]"), "requests", 6,
         "is given beside `flows:`"),
        (flowsProfile("  - { name: a, steps: [{ name: h, path: / }] }", extra: "think_time: 1s"), "think_time", 6,
         "applies to the request mix, not to flows"),
        ("target: http://127.0.0.1:8085\nrequests: [{ name: x, path: / }]\nstages: [{ users: 1, duration: 1s }]\ncookies: false",
         "cookies", 4, "applies to flows only"),
        (flowsProfile("  - { steps: [{ name: h, path: / }] }"), "flows[0].name", 3, "is missing; add it, e.g. `name: browse`"),
        (flowsProfile("  []"), "flows", 3, "is an empty list; add at least one flow"),
        (flowsProfile("""
              - name: a
                steps:
                  - { name: read, path: "/items/{{ id }}" }
                  - { name: create, method: POST, path: /items, capture: { id: "json:$.id" } }
            """), "flows[0].steps[0]", 5,
         "uses `{{ id }}`, which no earlier step of flow \"a\" (or its `on_start`) captures; it is captured only by flows[0].steps[1]"),
    ] as [(String, String, Int, String)])
    func mistakesAreReportedWithTheirLine(yaml: String, keyPath: String, line: Int, message: String) {
        let problems = ProfileFixtures.problems(yaml)
        #expect(problems.contains { $0.keyPath == keyPath && $0.line == line && $0.message.hasPrefix(message) },
                "got \(problems.map { "\($0.keyPath):\($0.line ?? 0) \($0.message)" })")
    }

    @Test func theShippedFlowsProfileLoads() throws {
        let profile = try ProfileLoader(files: DiskFiles()).load(path: ProfileFixtures.shippedDirectory + "/flows-sessions.yaml")
        #expect(profile.flows.map(\.name) == ["signed in", "anonymous"])
        #expect(profile.flows.map(\.cookies) == [true, false])
        #expect(profile.requests.map(\.name) == ["session/login", "session/me", "user/get", "session/logout"])
    }

    @Test func neitherRequestsNorFlowsSaysBoth() {
        let problems = ProfileFixtures.problems("target: http://127.0.0.1:8085\nstages: [{ users: 1, duration: 1s }]")
        #expect(problems.map(\.message) == [
            "is missing; add it, e.g. `requests: [{ name: home, path: / }]` (a request mix), or `flows:` (user journeys)",
        ])
    }
}

/// `FlowVariables`: a step may only use a variable an earlier step of its flow captured. Until captures decode
/// (`capture:`), no profile has `{{ variable }}` segments, so the check is tested on specs built directly.
@Suite struct FlowVariablesTests {
    private func request(_ name: String, path: [Template.Segment], captures: [String] = []) -> RequestSpec {
        var spec = RequestSpec(
            name: name, method: "GET", path: Template(segments: path), query: [], headers: [], body: nil, weight: 1,
            expect: .defaultSuccess)
        spec.captures = captures.map { CaptureSpec(variable: $0, source: .header("x-\($0)"), text: "header:x-\($0)") }
        return spec
    }

    @Test func aVariableCapturedEarlierOrInOnStartIsDefined() {
        let requests = [
            request("login", path: [.literal("/login")], captures: ["token"]),
            request("create", path: [.literal("/user/"), .variable("token")], captures: ["id"]),
            request("get", path: [.literal("/user/"), .variable("id"), .literal("/"), .variable("token")]),
            request("logout", path: [.literal("/logout/"), .variable("id")]),
        ]
        let flow = FlowSpec(name: "f", onStart: [.request(0)], steps: [.request(1), .think(.none), .request(2)], onStop: [.request(3)])
        #expect(FlowVariables.undefined(in: flow, requests: requests).isEmpty)
    }

    @Test func aVariableCapturedLaterOrNowhereIsReportedWithWhereItIsCaptured() {
        let requests = [
            request("get", path: [.literal("/user/"), .variable("id"), .variable("nobody")]),
            request("create", path: [.literal("/user"), .variable("id")], captures: ["id"]),
        ]
        let flow = FlowSpec(name: "f", steps: [.request(0), .request(1)])
        #expect(FlowVariables.undefined(in: flow, requests: requests) == [
            .init(variable: "id", place: .init(.steps, 0), capturedAt: [.init(.steps, 1)]),
            .init(variable: "nobody", place: .init(.steps, 0), capturedAt: []),
            // A step's own capture is not there yet when the step is sent.
            .init(variable: "id", place: .init(.steps, 1), capturedAt: [.init(.steps, 1)]),
        ])
    }

    @Test func theVariablesARequestUsesComeFromEveryTemplate() {
        var spec = request("r", path: [.variable("a")])
        spec.query = [QueryParameter(name: "q", value: Template(segments: [.variable("b")]))]
        spec.headers = [HeaderSpec(name: "Authorization", value: Template(segments: [.literal("Bearer "), .variable("c")]))]
        spec.body = Template(segments: [.variable("d"), .variable("a")])
        #expect(FlowVariables.usedVariables(spec) == ["a", "b", "c", "d"])
    }
}
