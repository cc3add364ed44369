@testable import LoadRunnerModel
import Testing

/// A profile with two requests and two stages (lines 1-7), then `extra` from line 8.
private func gatesProfile(_ extra: String) -> String {
    """
    target: http://127.0.0.1:8085
    requests:
      - { name: user/get, path: /user }
      - { name: user/search, path: /search }
    stages:
      - { users: 1, duration: 1s }
      - { users: 2, duration: 1s }
    \(extra)
    """
}

/// `thresholds:` and `compare:` in profiles: decoded values, and every problem with its line.
@Suite("Profile thresholds and compare budgets")
struct ProfileGatesTests {
    @Test func decodesThresholdsAndBudgets() throws {
        let profile = try ProfileFixtures.load(gatesProfile("""
            thresholds:
              - "p95 < 200ms"
              - "user/get: p99 < 500ms"
              - "stage 2: error_rate < 1%"
              - { threshold: "p99 < 1s", abort_on_fail: true }
              - threshold: rps > 100
                abort_on_fail: false
            compare:
              - "p95 > +10% and +2ms"
              - "rps < -5%"
            """))
        #expect(profile.thresholds == [
            ThresholdSpec(metric: MetricID(.total, .percentile(95)), op: .less, value: 200_000, text: "p95 < 200ms", line: 9),
            ThresholdSpec(metric: MetricID(.request("user/get"), .percentile(99)), op: .less, value: 500_000,
                          text: "user/get: p99 < 500ms", line: 10),
            ThresholdSpec(stage: 2, metric: MetricID(.total, .errorRate), op: .less, value: 0.01, text: "stage 2: error_rate < 1%", line: 11),
            ThresholdSpec(metric: MetricID(.total, .percentile(99)), op: .less, value: 1_000_000, abortOnFail: true, text: "p99 < 1s",
                          line: 12),
            ThresholdSpec(metric: MetricID(.total, .rps), op: .greater, value: 100, text: "rps > 100", line: 13),
        ])
        #expect(profile.compareBudgets == [
            Budget(metric: MetricID(.total, .percentile(95)), relative: 0.10, absolute: 2_000, text: "p95 > +10% and +2ms"),
            Budget(metric: MetricID(.total, .rps), relative: 0.05, absolute: nil, text: "rps < -5%"),
        ])
    }

    @Test func absentOrEmptySectionsMeanNone() throws {
        let absent = try ProfileFixtures.load(ProfileFixtures.minimal)
        #expect(absent.thresholds.isEmpty)
        #expect(absent.compareBudgets.isEmpty)
        let empty = try ProfileFixtures.load(gatesProfile("thresholds:\ncompare: []"))
        #expect(empty.thresholds.isEmpty)
        #expect(empty.compareBudgets.isEmpty)
    }

    /// Extra YAML from line 8, then the one problem it must produce.
    static let invalid: [(String, String, Int, String)] = [
        ("thresholds:\n  - \"p95 < 200\"", "thresholds[0]", 9,
         #""p95 < 200" gives 200 without a unit; write "p95 < 200ms" (units: us, ms, s)"#),
        ("thresholds:\n  - \"p95 < 1s\"\n  - { threshold: \"p95 == 1s\" }", "thresholds[1].threshold", 10,
         #""p95 == 1s" compares with "=="; use <, <=, > or >="#),
        ("thresholds:\n  - \"user/gte: p95 < 1s\"", "thresholds[0]", 9,
         #""user/gte: p95 < 1s" names request `user/gte`, which is not under `requests`; did you mean `user/get`?"#),
        ("thresholds:\n  - \"home: p95 < 1s\"", "thresholds[0]", 9,
         #""home: p95 < 1s" names request `home`, which is not under `requests`; use one of: user/get, user/search"#),
        ("thresholds:\n  - \"stage 3: p95 < 1s\"", "thresholds[0]", 9,
         #""stage 3: p95 < 1s" names stage 3, but the profile has 2 stages (1 to 2)"#),
        ("thresholds:\n  - user/get: p99 < 500ms", "thresholds[0]", 9,
         #"is a map because of the ": " in it; quote the threshold: `- "user/get: p99 < 500ms"`"#),
        ("thresholds:\n  - { threshold: \"p95 < 1s\", abort_on_fail: maybe }", "thresholds[0].abort_on_fail", 9,
         #""maybe" is not true or false; write true or false"#),
        ("thresholds:\n  - { abort_on_fail: true }", "thresholds[0].threshold", 9,
         #"is missing; add it, e.g. `threshold: "p99 < 1s"`"#),
        ("thresholds:\n  - [p95 < 1s]", "thresholds[0]", 9,
         #"must be a threshold such as `"p95 < 200ms"`, or a map like `{ threshold: "p99 < 1s", abort_on_fail: true }`, not a list"#),
        ("thresholds: \"p95 < 1s\"", "thresholds", 8,
         #"must be a list of thresholds, e.g. `- "p95 < 200ms"`, not a single value"#),
        ("compare:\n  - \"rps > +10%\"", "compare[0]", 9,
         #""rps > +10%" points the wrong way: rps gets worse when it goes down; write "rps < -10%""#),
        ("compare:\n  - \"p95 > +10%\"\n  - \"p95 > +2ms\"", "compare[1]", 10,
         #""p95 > +2ms" is a second budget for p95 (compare[0] is the first); keep one, joining limits with `and`"#),
        ("compare: \"p95 > +10%\"", "compare", 8,
         #"must be a list of budgets, e.g. `- "p95 > +10% and +2ms"`, not a single value"#),
        ("compare:\n  - { p95: +10% }", "compare[0]", 9,
         #"must be a budget such as `"p95 > +10% and +2ms"` or `"rps < -5%"`, not a map"#),
        ("tresholds: []", "tresholds", 8, "is not a known key; did you mean `thresholds`?"),
    ]

    @Test(arguments: invalid)
    func reportsOneProblem(extra: String, keyPath: String, line: Int, message: String) {
        let problems = ProfileFixtures.problems(gatesProfile(extra))
        #expect(problems.map(\.keyPath) == [keyPath])
        #expect(problems.map(\.line) == [line])
        #expect(problems.map(\.message) == [message])
    }

    @Test func misspeltThresholdKeyIsNotTakenForARequestName() {
        let problems = ProfileFixtures.problems(gatesProfile("thresholds:\n  - { treshold: \"p95 < 1s\" }"))
        // The missing key is placed at the map (column 5), before the misspelt key (column 7).
        #expect(problems.map(\.keyPath) == ["thresholds[0].threshold", "thresholds[0].treshold"])
        #expect(problems.last?.message == "is not a known key; did you mean `threshold`?")
    }

    @Test func everyProblemIsReportedAtOnceInLineOrder() {
        let problems = ProfileFixtures.problems(gatesProfile("""
            thresholds:
              - "p95 < 200"
              - "p95 < 1s"
              - "stage 9: rps > 1"
            compare:
              - "rps > +10%"
              - "p95 > +2"
            """).replacingOccurrences(of: "duration: 1s }\n  - { users: 2", with: "duration: 1 }\n  - { users: 2"))
        #expect(problems.map { "\($0.line ?? 0) \($0.keyPath)" } == [
            "6 stages[0].duration", "9 thresholds[0]", "11 thresholds[2]", "13 compare[0]", "14 compare[1]",
        ])
        #expect(problems[1].description.hasPrefix(#"profile.yaml:9:5: thresholds[0] "p95 < 200" gives 200 without a unit"#))
    }

    /// A stage list with a broken stage still counts it, so `stage 2:` is not reported as missing too.
    @Test func brokenStagesStillCountForStageScopes() {
        let yaml = gatesProfile("thresholds:\n  - \"stage 2: p95 < 1s\"")
            .replacingOccurrences(of: "{ users: 2, duration: 1s }", with: "{ users: 2, duration: 1 }")
        #expect(ProfileFixtures.problems(yaml).map(\.keyPath) == ["stages[1].duration"])
    }
}
