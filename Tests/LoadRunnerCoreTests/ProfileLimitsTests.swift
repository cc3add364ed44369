@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// Every numeric key of the profile format, fed extreme values: each is refused at its key with a message
/// (never a crash, never a value above `ProfileLimits` accepted), and values at the limits still load.
@Suite("Profile limits")
struct ProfileLimitsTests {
    /// One numeric key: a profile with `VALUE` where the number goes, the key path problems must name, and
    /// the extreme values that are legitimately valid there.
    struct Slot: CustomTestStringConvertible, Sendable {
        var keyPath: String
        var yaml: String
        var accepts: Set<String> = []
        var testDescription: String { keyPath }
    }

    static let target = "target: http://127.0.0.1:8085\n"
    static let request = "requests:\n  - { name: a, path: / }\n"
    static let stage = "stages:\n  - { users: 1, duration: 1s }\n"
    /// The issue's `users: 1000000000000`: exactly the most requests a stage may count.
    static let atMaxRequests = "1000000000000"

    static let slots: [Slot] = [
        Slot(keyPath: "stages[0].users", yaml: target + request + "stages:\n  - { users: VALUE, duration: 1s }\n",
             accepts: ["0"]),
        Slot(keyPath: "stages[0].spawn_rate", yaml: target + request + "stages:\n  - { users: 1, spawn_rate: VALUE, duration: 1s }\n"),
        Slot(keyPath: "stages[0].duration", yaml: target + request + "stages:\n  - { users: 1, duration: VALUE }\n"),
        Slot(keyPath: "stages[0].warmup", yaml: target + request + "stages:\n  - { users: 1, duration: 10s, warmup: VALUE }\n"),
        Slot(keyPath: "stages[0].requests", yaml: target + request + "stages:\n  - { users: 1, requests: VALUE }\n",
             accepts: [atMaxRequests]),
        Slot(keyPath: "requests[0].weight", yaml: target + "requests:\n  - { name: a, path: /, weight: VALUE }\n" + stage),
        Slot(keyPath: "requests[0].expect", yaml: target + "requests:\n  - { name: a, path: /, expect: VALUE }\n" + stage),
        Slot(keyPath: "requests[0].expect[0]", yaml: target + "requests:\n  - { name: a, path: /, expect: [VALUE] }\n" + stage),
        Slot(keyPath: "timeout", yaml: target + "timeout: VALUE\n" + request + stage),
        Slot(keyPath: "connect_timeout", yaml: target + "connect_timeout: VALUE\n" + request + stage),
        Slot(keyPath: "think_time", yaml: target + "think_time: VALUE\n" + request + stage),
        Slot(keyPath: "think_time.constant", yaml: target + "think_time: { constant: VALUE }\n" + request + stage),
        Slot(keyPath: "think_time.pacing", yaml: target + "think_time: { pacing: VALUE }\n" + request + stage),
        Slot(keyPath: "think_time.between[0]", yaml: target + "think_time: { between: [VALUE, 1s] }\n" + request + stage),
        Slot(keyPath: "think_time.between[1]", yaml: target + "think_time: { between: [0s, VALUE] }\n" + request + stage),
        Slot(keyPath: "data.ids.range[0]", yaml: target + "data:\n  ids: { range: [VALUE, 1000000000000000000] }\n" + request + stage,
             accepts: ["0", "-1", atMaxRequests]),
        Slot(keyPath: "data.ids.range[1]", yaml: target + "data:\n  ids: { range: [-20, VALUE] }\n" + request + stage,
             accepts: ["0", "-1", atMaxRequests]),
        Slot(keyPath: "monitors[0].pid", yaml: target + request + stage + "monitors:\n  - { name: m, pid: VALUE }\n"),
        Slot(keyPath: "monitors[0].every", yaml: target + request + stage + "monitors:\n  - { name: m, run: echo 1, every: VALUE }\n"),
        Slot(keyPath: "actions[0].at", yaml: target + request + stage + "actions:\n  - { at: VALUE, run: echo 1 }\n",
             accepts: ["721h"]),
        Slot(keyPath: "actions[0].after_requests", yaml: target + request + stage
             + "actions:\n  - { after_requests: VALUE, run: echo 1 }\n", accepts: [atMaxRequests]),
        Slot(keyPath: "actions[0].timeout", yaml: target + request + stage + "actions:\n  - { at: end, run: echo 1, timeout: VALUE }\n"),
        Slot(keyPath: "checks[0].timeout", yaml: target + request + stage + "checks:\n  - { run: echo 1, equals: 1, timeout: VALUE }\n"),
        Slot(keyPath: "thresholds[0]", yaml: target + request + stage + "thresholds:\n  - 'p99 < VALUE'\n", accepts: ["0.0001ms"]),
        Slot(keyPath: "thresholds[0]", yaml: target + request + stage + "thresholds:\n  - 'requests > VALUE'\n",
             accepts: ["0", atMaxRequests]),
        Slot(keyPath: "thresholds[0]", yaml: target + request + stage + "thresholds:\n  - 'rps > VALUE'\n",
             accepts: ["0"]),
        Slot(keyPath: "thresholds[0]", yaml: target + request + stage + "thresholds:\n  - 'error_rate < VALUE'\n",
             accepts: ["0"]),
        Slot(keyPath: "thresholds[0]", yaml: target + request + stage + "thresholds:\n  - 'stage VALUE: p99 < 1s'\n"),
        Slot(keyPath: "compare[0]", yaml: target + request + stage + "compare:\n  - 'p99 > +VALUE'\n", accepts: ["0.0001ms"]),
    ]

    /// Extreme values: the edges of `Int64` and `Double`, the issue's cases, words YAML reads as numbers.
    static let extremes = [
        "0", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "\"9223372036854775807\"",
        "99999999999999999999999", String(repeating: "9", count: 400), "-" + String(repeating: "9", count: 400),
        "1e300", "-1e300", "1e-300", "1.5e19", "0.0001ms", "99999999h", "721h", "9999999999999999999999s",
        "1000000000000", ".nan", ".inf", "-.inf", "NaN",
    ]

    static func problems(_ slot: Slot, _ value: String) -> [ProfileProblem] {
        ProfileFixtures.problems(slot.yaml.replacingOccurrences(of: "VALUE", with: value))
    }

    @Test(arguments: slots)
    func everyExtremeValueIsRefusedAtItsKey(slot: Slot) {
        for value in Self.extremes where !slot.accepts.contains(value) {
            let problems = Self.problems(slot, value)
            #expect(problems.contains { $0.keyPath == slot.keyPath }, "\(slot.keyPath): \(value) -> \(problems)")
            #expect(problems.allSatisfy { !$0.message.isEmpty && $0.line != nil })
        }
    }

    @Test(arguments: slots)
    func theAcceptedValuesReallyLoad(slot: Slot) {
        for value in slot.accepts {
            #expect(Self.problems(slot, value).isEmpty, "\(slot.keyPath): \(value)")
        }
    }

    // MARK: Messages say the value, the maximum and what to do

    @Test(arguments: [
        ("stages[0].users", "9223372036854775807",
         #""9223372036854775807" is too large; the most is 1000000; run several generators (or profiles) side by side for more users"#),
        ("stages[0].users", "99999999999999999999999",
         #""99999999999999999999999" is too large; the most is 1000000; run several generators (or profiles) side by side for more users"#),
        ("stages[0].users", "1000000000000",
         #""1000000000000" is too large; the most is 1000000; run several generators (or profiles) side by side for more users"#),
        ("stages[0].spawn_rate", "1e300",
         #""1e300" is too large; the most is 1000000 users per second; a higher rate starts every user at once anyway"#),
        ("stages[0].spawn_rate", "1e-300", #""1e-300" is too small; the least is 0.001 users per second"#),
        ("stages[0].duration", "99999999h", #""99999999h" is too long (max 720h (30 days)); split a longer test into several runs"#),
        ("stages[0].duration", "721h", #""721h" is too long (max 720h (30 days)); split a longer test into several runs"#),
        ("timeout", "0.0001ms", #""0.0001ms" rounds to 0µs; the smallest is 1µs (write 0s for none, or e.g. "1ms")"#),
        ("requests[0].weight", "9223372036854775807",
         #""9223372036854775807" is too large; the most is 1000000; weights are relative: divide them by a common factor"#),
        ("data.ids.range[0]", "-9223372036854775808", #""-9223372036854775808" is too small; the least is -1000000000000000000"#),
        ("stages[0].requests", "9223372036854775808",
         #""9223372036854775808" is too large; the most is 1000000000000; split the test into several runs"#),
        ("thresholds[0]", "2592001s",
         #""p99 < 2592001s" gives "2592001s", which is too large; the most is 2592000s (30 days); write a limit a run can reach"#),
        ("compare[0]", "10001%",
         #""p99 > +10001%" gives "+10001%", which is too large; the most is 10000%; write a limit a run can reach"#),
        ("actions[0].at", "99999999h", #""99999999h" is too long (max 8760h (365 days)); split a longer test into several runs"#),
    ])
    func theMessageSaysTheValueTheLimitAndWhatToDo(keyPath: String, value: String, message: String) throws {
        let slot = try #require(Self.slots.first { $0.keyPath == keyPath })
        let problems = Self.problems(slot, value)
        #expect(problems.map(\.keyPath) == [keyPath])
        #expect(problems.map(\.message) == [message])
    }

    @Test(arguments: [String(repeating: "9", count: 400), "-" + String(repeating: "9", count: 400)])
    func digitsBeyondDoubleAreTooLargeOrTooSmallNotWords(value: String) throws {
        let slot = try #require(Self.slots.first { $0.keyPath == "stages[0].users" })
        let problems = Self.problems(slot, value)
        let expected = value.hasPrefix("-") ? #"is too small; the least is 0"# : #"is too large; the most is 1000000"#
        #expect(problems.count == 1 && problems[0].message.hasPrefix("\"\(value)\" \(expected)"), "\(problems)")
    }

    // MARK: Sums over the profile

    @Test func twoWeightsOfInt64MaxAreRefusedWithoutOverflow() {
        let problems = ProfileFixtures.problems(Self.target + """
            requests:
              - { name: a, path: /a, weight: 9223372036854775807 }
              - { name: b, path: /b, weight: 9223372036854775807 }
            """ + "\n" + Self.stage)
        #expect(problems.map(\.keyPath) == ["requests[0].weight", "requests[1].weight"])
    }

    @Test func weightsMayAddUpToTheLimitButNotBeyond() throws {
        func profile(extra: Int) -> String {
            let full = (0..<2147).map { "  - { name: r\($0), path: /, weight: 1000000 }" }
            return Self.target + "requests:\n" + full.joined(separator: "\n")
                + "\n  - { name: last, path: /, weight: \(483_648 + extra) }\n" + Self.stage
        }
        let atLimit = try ProfileFixtures.load(profile(extra: 0))
        #expect(atLimit.requests.map(\.weight).reduce(0, +) == ProfileLimits.maxWeightSum)
        let problems = ProfileFixtures.problems(profile(extra: 1))
        #expect(problems.map(\.keyPath) == ["requests"])
        #expect(problems.map(\.message) == [
            "have weights adding up to 2147483649; the most is 2147483648; divide them by a common factor",
        ])
    }

    @Test func twoCountedStagesOfInt64MaxRequestsAreRefused() {
        let problems = ProfileFixtures.problems(Self.target + Self.request + """
            stages:
              - { users: 1, requests: 9223372036854775807 }
              - { users: 1, requests: 9223372036854775807 }
            """)
        #expect(problems.map(\.keyPath) == ["stages[0].requests", "stages[1].requests"])
    }

    @Test func countedRequestsMayAddUpToTheLimitButNotBeyond() throws {
        let half = ProfileLimits.maxRequests / 2
        let atLimit = try ProfileFixtures.load(Self.target + Self.request
            + "stages:\n  - { users: 1, requests: \(half) }\n  - { users: 1, requests: \(half) }\n")
        #expect(atLimit.stages.compactMap(\.requestLimit) == [half, half])
        let problems = ProfileFixtures.problems(Self.target + Self.request
            + "stages:\n  - { users: 1, requests: \(half) }\n  - { users: 1, requests: \(half + 1) }\n")
        #expect(problems.map(\.keyPath) == ["stages"])
        #expect(problems.map(\.message) == [
            "ask for 1000000000001 requests in all; the most is 1000000000000; split the test into several runs",
        ])
    }

    @Test func theRunMayLastAYearButNotMore() throws {
        let twelve = String(repeating: "  - { users: 1, duration: 720h }\n", count: 12)
        let atLimit = try ProfileFixtures.load(Self.target + Self.request + "stages:\n" + twelve
            + "  - { users: 1, duration: 120h }\n")
        #expect(StageSchedule(stages: atLimit.stages).totalMicros == 365 * 24 * 3600 * 1_000_000)
        let problems = ProfileFixtures.problems(Self.target + Self.request + "stages:\n" + twelve
            + "  - { users: 1, duration: 120h, warmup: 1s }\n  - { users: 1, duration: 1s }\n")
        #expect(problems.map(\.keyPath) == ["stages"])
        #expect(problems.first?.message.hasPrefix("add up to 8761h") == true)
    }

    // MARK: Values at the limits still load

    @Test func valuesAtTheLimitsLoad() throws {
        let profile = try ProfileFixtures.load("""
            target: http://127.0.0.1:8085
            timeout: 720h
            connect_timeout: 0.001ms
            think_time: { between: [0.001ms, 720h] }
            data:
              ids: { range: [-1000000000000000000, 1000000000000000000] }
            requests:
              - { name: a, path: /, weight: 1000000 }
            stages:
              - { users: 1000000, spawn_rate: 1000000, duration: 720h, warmup: 719h }
              - { users: 1, spawn_rate: 0.001, requests: 1000000000000, duration: 1h }
            monitors:
              - { name: m, run: echo 1, every: 720h }
            actions:
              - { at: 744h, run: echo 1, timeout: 720h }
              - { after_requests: 1000000000000, run: echo 2 }
            checks:
              - { run: echo 1, equals: 1, timeout: 720h }
            thresholds:
              - "p99 < 2592000s"
              - "rps > 1000000000"
              - "requests > 1000000000000"
            compare:
              - "p99 > +10000% and +2592000s"
              - "rps < -1000000000"
            """)
        #expect(profile.stages.map(\.users) == [ProfileLimits.maxUsers, 1])
        #expect(profile.stages.map(\.spawnRate) == [ProfileLimits.maxSpawnRate, ProfileLimits.minSpawnRate])
        #expect(profile.stages[1].requestLimit == ProfileLimits.maxRequests)
        #expect(profile.requests[0].weight == ProfileLimits.maxWeight)
        #expect(profile.timeout == ProfileLimits.maxDuration)
        #expect(profile.connectTimeout == ProfileLimits.minDuration)
        #expect(profile.data[0].kind == .range(-1_000_000_000_000_000_000...1_000_000_000_000_000_000))
        #expect(profile.thresholds.map(\.value) == [2_592_000_000_000, 1_000_000_000, 1_000_000_000_000])
        #expect(profile.compareBudgets.map(\.absolute) == [2_592_000_000_000, 1_000_000_000])
        #expect(profile.actions.map(\.trigger) == [.atTime(.seconds(744 * 3600)), .afterRequests(ProfileLimits.maxRequests)])
    }

    // MARK: Arithmetic that cannot trap

    @Test func aRangeOverAllOfInt64DrawsWithoutTrapping() {
        var random = RandomSource(seed: 7)
        let whole = Int64.min...Int64.max
        var signs: Set<Bool> = []
        for _ in 0..<1000 { signs.insert(whole.value(atOffset: random.offset(in: whole)) < 0) }
        #expect(signs == [true, false])
        let top = (Int64.max - 1)...Int64.max
        for _ in 0..<100 { #expect(top.contains(top.value(atOffset: random.offset(in: top)))) }
        let bottom = Int64.min...(Int64.min + 2)
        var seen: Set<Int64> = []
        for _ in 0..<200 { seen.insert(bottom.value(atOffset: random.offset(in: bottom))) }
        #expect(seen == [Int64.min, Int64.min + 1, Int64.min + 2])
    }

    @Test func aSlowRampAtTheLimitsStaysOnTheClock() throws {
        let schedule = StageSchedule(stages: [Stage(
            users: ProfileLimits.maxUsers, spawnRate: ProfileLimits.minSpawnRate, duration: ProfileLimits.maxDuration,
            warmup: .zero)])
        let late = schedule.totalMicros - 1
        #expect(schedule.users(atMicros: late) == 2592)
        #expect(try #require(schedule.nextChange(afterMicros: late)) == schedule.totalMicros)
    }

    @Test(arguments: [("99999999h", DurationParser.Reading.tooLong), ("9999999999999999999999s", .tooLong),
                      ("1h99999999999999999999m", .tooLong), ("5 s", .invalid), ("99999999x", .invalid),
                      ("2562047h", .duration(.seconds(2_562_047 * 3600)))])
    func durationsTellTooLongFromInvalid(text: String, reading: DurationParser.Reading) {
        #expect(DurationParser.read(text) == reading)
    }
}
