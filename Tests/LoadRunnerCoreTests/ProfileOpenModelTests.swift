import LoadRunnerModel
import LoadRunnerProfile
import Testing

/// A valid profile with an open stage on line 5 and `extra` lines from line 6.
private func openProfile(stage: String = "  - { rate: 200/s, duration: 10s }", extra: String = "") -> String {
    "target: http://127.0.0.1:8085\nrequests:\n  - { name: a, path: / }\nstages:\n\(stage)\n\(extra)"
}

/// Open stages (`rate:`), `arrivals:`, `max_connections:`, `max_lag:` and `seed:` as the profile decodes them.
@Suite struct ProfileOpenModelTests {
    @Test func anOpenStageDecodesItsRateAndDefaults() throws {
        let profile = try ProfileFixtures.load(openProfile(extra: "timeout: 3s"))
        let stage = try #require(profile.stages.first)
        #expect(stage.rate == ArrivalRate(perSecond: 200))
        #expect(stage.isOpen && stage.users == 0 && stage.arrivals == .uniform)
        #expect(stage.duration == .seconds(10))
        #expect(profile.maxConnections == 10_000)
        #expect(profile.maxLag == .seconds(3))  // the timeout, unless set
        #expect(profile.seed == nil)
        #expect(profile.hasOpenStages)
    }

    /// What `rate:` accepts, in requests per second.
    @Test(arguments: [
        ("200/s", 200.0, 200.0, RateUnit.second),
        ("1_000/s", 1000, 1000, .second),
        ("2.5/s", 2.5, 2.5, .second),
        ("120/m", 2, 2, .minute),
        ("1/h", 1.0 / 3600, 1.0 / 3600, .hour),
        ("\"200 / s\"", 200, 200, .second),
        ("200/s to 1000/s", 200, 1000, .second),
        ("60/m to 1/s", 1, 1, .minute),
        ("1000000/s", 1_000_000, 1_000_000, .second),
    ])
    func ratesInEveryUnit(text: String, start: Double, end: Double, unit: RateUnit) throws {
        let profile = try ProfileFixtures.load(openProfile(stage: "  - { rate: \(text), duration: 10s }"))
        let rate = try #require(profile.stages.first?.rate)
        #expect(abs(rate.startPerSecond - start) < 1e-12 && abs(rate.endPerSecond - end) < 1e-12)
        #expect(rate.unit == unit)
    }

    @Test func openAndClosedStagesFollowEachOtherWithTheProfilesSettings() throws {
        let profile = try ProfileFixtures.load("""
            target: http://127.0.0.1:8085
            requests:
              - { name: a, path: / }
            arrivals: poisson
            max_connections: 500
            max_lag: 250ms
            seed: 42
            think_time: 1s
            stages:
              - { users: 10, duration: 30s }
              - { rate: 100/s to 300/s, duration: 1m, warmup: 5s }
              - { rate: 50/s, arrivals: uniform, requests: 1000 }
            """)
        #expect(profile.stages.map(\.isOpen) == [false, true, true])
        #expect(profile.stages.map(\.arrivals) == [.uniform, .poisson, .uniform])
        #expect(profile.stages[1].warmup == .seconds(5))
        #expect(profile.stages[2].requestLimit == 1000 && profile.stages[2].duration == Stage.defaultCountedStageTimeLimit)
        #expect(profile.stages[2].plannedMicros == 20_000_000)  // 1000 requests at 50/s
        #expect(profile.maxConnections == 500)
        #expect(profile.maxLag == .milliseconds(250))
        #expect(profile.seed == 42)
    }

    @Test(arguments: ["0", "9007199254740991"])
    func seedsFromZeroToTwoToThe53(text: String) throws {
        let profile = try ProfileFixtures.load(ProfileFixtures.minimal + "\nseed: \(text)")
        #expect(profile.seed == UInt64(text))
        #expect(!profile.hasOpenStages)
    }

    static let invalid: [InvalidProfileCase] = [
        .init(label: "rate without unit", yaml: openProfile(stage: "  - { rate: 200, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""200" has no unit; write "200/s" (requests per second), or per minute (/m) or hour (/h)"#),
        .init(label: "ramp end without unit", yaml: openProfile(stage: "  - { rate: 200/s to 1000, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""200/s to 1000" has no unit; write "1000/s" (requests per second), or per minute (/m) or hour (/h)"#),
        .init(label: "unknown unit", yaml: openProfile(stage: "  - { rate: 200/sec, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5, message: #""200/sec" has the unit "sec"; write /s, /m or /h, e.g. "200/s""#),
        .init(label: "not a rate", yaml: openProfile(stage: "  - { rate: fast, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""fast" is not a rate; write e.g. "200/s", or "200/s to 1000/s" for a ramp over the stage"#),
        .init(label: "infinite rate", yaml: openProfile(stage: "  - { rate: inf/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""inf/s" is not a rate; write e.g. "200/s", or "200/s to 1000/s" for a ramp over the stage"#),
        .init(label: "zero rate", yaml: openProfile(stage: "  - { rate: 0/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""0/s" must be more than 0; for a pause in the load, use a stage with `users: 0`"#),
        .init(label: "negative rate", yaml: openProfile(stage: "  - { rate: -5/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""-5/s" must be more than 0; for a pause in the load, use a stage with `users: 0`"#),
        .init(label: "ramp to zero", yaml: openProfile(stage: "  - { rate: 200/s to 0/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""200/s to 0/s" ends at "0/s"; both ends of a ramp must be more than 0 (e.g. "1/s"), "#
                  + "and a pause in the load is a stage with `users: 0`"),
        .init(label: "ramp from zero", yaml: openProfile(stage: "  - { rate: 0/s to 100/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""0/s to 100/s" starts at "0/s"; both ends of a ramp must be more than 0 (e.g. "1/s"), "#
                  + "and a pause in the load is a stage with `users: 0`"),
        .init(label: "absurdly high rate", yaml: openProfile(stage: "  - { rate: 2000000/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""2000000/s" is too large; the most is 1000000/s; run several generators side by side for more"#),
        .init(label: "rate beyond Double", yaml: openProfile(stage: "  - { rate: 1e400/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: #""1e400/s" is too large; the most is 1000000/s; run several generators side by side for more"#),
        .init(label: "rate too low", yaml: openProfile(stage: "  - { rate: 0.5/h, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5, message: #""0.5/h" is too small; the least is 1/h"#),
        .init(label: "rate is a list", yaml: openProfile(stage: "  - { rate: [1, 2], duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: "must be a rate such as `200/s`, or a ramp over the stage such as `200/s to 1000/s`, not a list"),
        .init(label: "users and rate", yaml: openProfile(stage: "  - { users: 10, rate: 200/s, duration: 10s }"),
              keyPath: "stages[0].rate", line: 5,
              message: "and `users` are both set; a stage is closed (`users`: each user waits for its answer) or open "
                  + "(`rate`: requests arrive on schedule whatever the answers do); keep one"),
        .init(label: "spawn rate on an open stage", yaml: openProfile(stage: "  - { rate: 200/s, spawn_rate: 5, duration: 10s }"),
              keyPath: "stages[0].spawn_rate", line: 5,
              message: "sets how fast users start, but this stage is open (`rate`) and has no users; remove it "
                  + "(a ramp is `rate: 10/s to 100/s`)"),
        .init(label: "arrivals on a closed stage", yaml: openProfile(stage: "  - { users: 2, arrivals: poisson, duration: 10s }"),
              keyPath: "stages[0].arrivals", line: 5,
              message: "spaces the arrivals of an open stage, but this stage has `users`; remove it, or give the stage a `rate` instead"),
        .init(label: "unknown arrivals", yaml: openProfile(stage: "  - { rate: 10/s, arrivals: random, duration: 10s }"),
              keyPath: "stages[0].arrivals", line: 5,
              message: #""random" is not a way to space arrivals; write `uniform` (evenly, the default) or `poisson` (at random, seeded)"#),
        .init(label: "unknown profile-wide arrivals", yaml: openProfile(extra: "arrivals: exponential"),
              keyPath: "arrivals", line: 6,
              message: #""exponential" is not a way to space arrivals; write `uniform` (evenly, the default) or `poisson` (at random, seeded)"#),
        .init(label: "neither users nor rate", yaml: openProfile(stage: "  - { duration: 10s }"),
              keyPath: "stages[0].users", line: 5,
              message: "is missing; add it, e.g. `users: 10` (closed: users that wait for each answer) or `rate: 100/s` (open)"),
        .init(label: "open stage without an end", yaml: openProfile(stage: "  - { rate: 10/s }"),
              keyPath: "stages[0]", line: 5,
              message: "needs `duration` or `requests`; add one, e.g. `duration: 1m` or `requests: 30000` (ends after that many requests)"),
        .init(label: "counted ramp without a duration", yaml: openProfile(stage: "  - { rate: 10/s to 20/s, requests: 100 }"),
              keyPath: "stages[0].rate", line: 5,
              message: "is a ramp, which needs a `duration` to ramp over; add one, e.g. `duration: 1m` "
                  + "(with `requests` the stage ends at whichever comes first)"),
        .init(label: "count ends the stage inside its warm-up", yaml: openProfile(stage: "  - { rate: 100/s, requests: 250, warmup: 5s }"),
              keyPath: "stages[0].warmup", line: 5,
              message: #""5s" is not shorter than the stage: its 250 requests at its rate end it after 2.5s; shorten the warm-up or raise `requests`"#),
        .init(label: "zero connections", yaml: openProfile(extra: "max_connections: 0"),
              keyPath: "max_connections", line: 6,
              message: "is 0; it must be 1 or more (the most connections open stages may hold open at once)"),
        .init(label: "too many connections", yaml: openProfile(extra: "max_connections: 2000000"),
              keyPath: "max_connections", line: 6,
              message: #""2000000" is too large; the most is 1000000; run several generators side by side for more connections"#),
        .init(label: "max lag without unit", yaml: openProfile(extra: "max_lag: 5"),
              keyPath: "max_lag", line: 6, message: #""5" has no unit; write "5s" or "500ms""#),
        .init(label: "zero max lag", yaml: openProfile(extra: "max_lag: 0s"),
              keyPath: "max_lag", line: 6, message: #""0s" must be more than zero"#),
        .init(label: "negative seed", yaml: openProfile(extra: "seed: -1"),
              keyPath: "seed", line: 6, message: "is -1; it must be 0 or more"),
        .init(label: "seed beyond 2^53", yaml: openProfile(extra: "seed: 9007199254740992"),
              keyPath: "seed", line: 6,
              message: #""9007199254740992" is too large; the most is 9007199254740991; larger numbers would not survive JSON readers such as jq"#),
        .init(label: "pacing beside an open stage", yaml: openProfile(extra: "think_time: { pacing: 1s }"),
              keyPath: "think_time", line: 6,
              message: "is pacing, which spaces a closed user's requests, but this profile has open stages (`rate`), which send on "
                  + "their own schedule; give the closed stages a fixed think time, or set their rate with `rate`"),
        .init(label: "think time with only open stages", yaml: openProfile(extra: "think_time: 1s"),
              keyPath: "think_time", line: 6,
              message: "applies to users, but every stage is open (`rate`): requests arrive by rate, not after a think time; remove it"),
    ]

    @Test(arguments: invalid)
    func reportsExactlyTheExpectedProblem(_ testCase: InvalidProfileCase) {
        let problems = ProfileFixtures.problems(testCase.yaml)
        #expect(problems.count == 1, "\(problems)")
        guard let problem = problems.first else { return }
        #expect(problem.keyPath == testCase.keyPath)
        #expect(problem.line == testCase.line)
        #expect(problem.message == testCase.message)
    }

    @Test func aMisspeltRateIsSuggested() {
        let problems = ProfileFixtures.problems(openProfile(stage: "  - { rat: 10/s, duration: 10s }"))
        #expect(problems.contains { $0.keyPath == "stages[0].rat" && $0.message == "is not a known key; did you mean `rate`?" })
    }

    /// The parser alone, on the texts the profile does not reach through YAML.
    @Test(arguments: [
        ("200/s to", ArrivalRateParser.Failure.notARate),
        ("200/s to 100/s to 50/s", .notARate),
        ("/s", .notARate),
        ("nan/s", .notARate),
        ("10/s/s", .notARate),
        ("10/", .noUnit("10")),
    ])
    func malformedRates(text: String, failure: ArrivalRateParser.Failure) {
        #expect(ArrivalRateParser.parse(text) == .failure(failure))
    }

    @Test func ratesReadBackAsWritten() {
        #expect(ArrivalRate(perSecond: 200).text == "200/s")
        #expect(ArrivalRate(startPerSecond: 2, endPerSecond: 1.0 / 3, unit: .minute).text == "120/m to 20/m")
        #expect(ArrivalRate(perSecond: 2.5).text == "2.5/s")
    }
}
