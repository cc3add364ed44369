import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// A valid profile (lines 1-5) whose request is named `insert`, then `extra` from line 6.
private func commandsProfile(_ extra: String, stage: String = "{ users: 1, duration: 10s }") -> String {
    """
    target: http://127.0.0.1:8085
    requests:
      - { name: insert, method: POST, path: /template }
    stages:
      - \(stage)
    \(extra)
    """
}

/// `actions:`, `checks:`, command monitors, stages that end by count and `${NAME}` in headers.
@Suite("Profile commands")
struct ProfileCommandsTests {
    @Test func decodesActions() throws {
        let profile = try ProfileFixtures.load(commandsProfile("""
            actions:
              - { at: 40%, run: "Lab/lab stop replica2" }
              - { name: later, at: 1m30s, run: "echo hi", required: true, timeout: 5s }
              - { after_requests: 12000, run: "true" }
              - { at: end, run: "Lab/lab failover" }
            """))
        #expect(profile.actions == [
            ActionSpec(name: "Lab/lab stop replica2", trigger: .atShare(0.4), when: "at 40%", command: "Lab/lab stop replica2",
                       required: false, timeout: ActionSpec.defaultTimeout),
            ActionSpec(name: "later", trigger: .atTime(.seconds(90)), when: "at 1m30s", command: "echo hi", required: true,
                       timeout: .seconds(5)),
            ActionSpec(name: "true", trigger: .afterRequests(12000), when: "after 12000 requests", command: "true",
                       required: false, timeout: ActionSpec.defaultTimeout),
            ActionSpec(name: "Lab/lab failover", trigger: .end, when: "at end", command: "Lab/lab failover", required: false,
                       timeout: ActionSpec.defaultTimeout),
        ])
        #expect(profile.runsCommands)
        #expect(!(try ProfileFixtures.load(ProfileFixtures.minimal)).runsCommands)
    }

    @Test func decodesChecksAndCommandMonitors() throws {
        let profile = try ProfileFixtures.load(commandsProfile("""
            checks:
              - { name: rows, run: "echo 3", equals: "{{ requests.insert.ok }}" }
              - { run: "echo 3", at_least: "{{ total.count - 1 }}", timeout: 2s }
              - { run: "echo ok", equals: ok }
            monitors:
              - { name: replica1 lag, run: "Lab/lab lag --bytes replica1", unit: bytes }
              - { name: fast, run: "echo 1", every: 250ms }
              - { name: primary, pid: 12 }
            """))
        #expect(profile.checks.map(\.name) == ["rows", "echo 3", "echo ok"])
        #expect(profile.checks.map(\.comparison) == [.equals, .atLeast, .equals])
        #expect(profile.checks.map(\.expected.source) == ["{{ requests.insert.ok }}", "{{ total.count - 1 }}", "ok"])
        #expect(profile.checks[1].timeout == .seconds(2))
        #expect(profile.commandMonitors == [
            CommandMonitorSpec(name: "replica1 lag", command: "Lab/lab lag --bytes replica1", interval: .seconds(1), unit: "bytes"),
            CommandMonitorSpec(name: "fast", command: "echo 1", interval: .milliseconds(250), unit: ""),
        ])
        #expect(profile.monitors == [MonitorSpec(name: "primary", target: .pid(12))])
    }

    @Test func decodesStagesThatEndByCount() throws {
        let profile = try ProfileFixtures.load(commandsProfile("", stage: "{ users: 10, requests: 30000 }"))
        #expect(profile.stages == [Stage(users: 10, spawnRate: 10, duration: Stage.defaultCountedStageTimeLimit, warmup: .zero,
                                         requestLimit: 30000)])
        let limited = try ProfileFixtures.load(commandsProfile("", stage: "{ users: 2, requests: 50, duration: 1m, warmup: 2s }"))
        #expect(limited.stages.first?.duration == .seconds(60))
        #expect(limited.stages.first?.requestLimit == 50)
    }

    /// Extra YAML from line 6 (with the stage of line 5), then the one problem it must produce.
    static let invalid: [(String, String, String, Int, String)] = [
        ("actions:\n  - { run: x }", "{ users: 1, duration: 10s }", "actions[0]", 7,
         "needs `at` or `after_requests`; add one, e.g. `at: 40%`, `at: 90s`, `at: end` or `after_requests: 12000`"),
        ("actions:\n  - { at: 10s, after_requests: 5, run: x }", "{ users: 1, duration: 10s }", "actions[0].after_requests", 7,
         "is given together with `at`; keep one of `at` and `after_requests`"),
        ("actions:\n  - { at: 140%, run: x }", "{ users: 1, duration: 10s }", "actions[0].at", 7,
         "\"140%\" is not a share of the run; write 0% to 100%, e.g. `at: 40%`"),
        ("actions:\n  - { at: soon, run: x }", "{ users: 1, duration: 10s }", "actions[0].at", 7,
         "\"soon\" is not a moment of the run; write `end`, a share such as `40%`, or a time such as `90s`"),
        ("actions:\n  - { at: 40%, run: x }", "{ users: 1, requests: 100 }", "actions[0].at", 7,
         "\"40%\" is a share of the run, but a stage ends by `requests:` so the run's length is not known; "
            + "use `after_requests: N` or a time such as `at: 90s`"),
        ("actions:\n  - { after_requests: 0, run: x }", "{ users: 1, duration: 10s }", "actions[0].after_requests", 7,
         "0 is not a positive number of requests; write e.g. `after_requests: 12000`"),
        ("actions:\n  - { at: end }", "{ users: 1, duration: 10s }", "actions[0].run", 7,
         "is missing; add it, e.g. `run: Lab/lab stop replica2`"),
        ("actions:\n  - { at: end, run: \" \" }", "{ users: 1, duration: 10s }", "actions[0].run", 7,
         "is blank; write the shell command to run, e.g. `Lab/lab stop replica2`"),
        ("actions:\n  - { at: end, run: x, requird: true }", "{ users: 1, duration: 10s }", "actions[0].requird", 7,
         "is not a known key; did you mean `required`?"),
        ("checks:\n  - { run: x }", "{ users: 1, duration: 10s }", "checks[0]", 7,
         "needs one of `equals`, `at_least`, `at_most`; add one, e.g. `equals: \"{{ requests.insert.ok }}\"`"),
        ("checks:\n  - { run: x, equals: 1, at_most: 2 }", "{ users: 1, duration: 10s }", "checks[0].at_most", 7,
         "is given together with `equals`; keep one of `equals`, `at_most`"),
        ("checks:\n  - run: x\n    equals: {{ requests.insert.ok }}", "{ users: 1, duration: 10s }", "checks[0].equals", 8,
         "is a YAML map: `{{ ... }}` must be quoted, e.g. `equals: \"{{ requests.insert.ok }}\"`"),
        ("checks:\n  - { run: x, equals: \"{{ requests.insrt.ok }}\" }", "{ users: 1, duration: 10s }", "checks[0].equals", 7,
         "uses \"requests.insrt.ok\", which this run does not have; did you mean `requests.insert.ok`?"),
        ("checks:\n  - { run: x, equals: \"{{ total.ok + }}\" }", "{ users: 1, duration: 10s }", "checks[0].equals", 7,
         "\"{{ total.ok + }}\": the expression ends where a number or name was expected (at character 15); "
            + "write e.g. \"{{ requests.insert.ok }}\" or \"{{ total.ok - 10 }}\""),
        ("monitors:\n  - { name: lag, run: x, every: 10ms }", "{ users: 1, duration: 10s }", "monitors[0].every", 7,
         "\"10ms\" is too short; sample a command at most every 100ms, e.g. `every: 1s`"),
        ("monitors:\n  - { name: lag, run: x, pid: 3 }", "{ users: 1, duration: 10s }", "monitors[0].pid", 7,
         "is not a known key; use one of: name, run, every, unit"),
        ("", "{ users: 1 }", "stages[0]", 5,
         "needs `duration` or `requests`; add one, e.g. `duration: 1m` or `requests: 30000` (ends after that many requests)"),
        ("", "{ users: 1, requests: 0 }", "stages[0].requests", 5,
         "0 is not a positive number of requests; write e.g. `requests: 30000`"),
        ("", "{ users: 0, requests: 10 }", "stages[0].requests", 5, "needs users to send them; set `users` to 1 or more"),
    ]

    @Test(arguments: invalid)
    func reportsOneProblem(extra: String, stage: String, keyPath: String, line: Int, message: String) {
        let problems = ProfileFixtures.problems(commandsProfile(extra, stage: stage))
        #expect(problems.map(\.keyPath) == [keyPath])
        #expect(problems.map(\.line) == [line])
        #expect(problems.map(\.message) == [message])
    }

    @Test func headersTakeSecretsFromTheEnvironment() throws {
        let yaml = commandsProfile("headers:\n  Authorization: \"Bearer ${TOKEN}\"\n  X-Plain: \"cost $5\"")
        let loader = ProfileLoader(environment: ["TOKEN": "s3cret"], files: DiskFiles())
        let profile = try loader.load(text: yaml, path: "p.yaml", baseDirectory: ProfileFixtures.directory)
        #expect(profile.headers.map(\.value) == [.literal("Bearer s3cret"), .literal("cost $5")])
        #expect(!profile.sourceText.contains("s3cret"))
    }

    @Test func anUnsetSecretIsReportedByNameOnly() throws {
        let yaml = commandsProfile("headers:\n  Authorization: \"Bearer ${TOKEN}\"")
        let error = try #require(throws: ProfileProblems.self) {
            try ProfileLoader(environment: [:], files: DiskFiles()).load(text: yaml, path: "p.yaml", baseDirectory: ProfileFixtures.directory)
        }
        #expect(error.problems.map(\.keyPath) == ["headers.Authorization"])
        #expect(error.problems.first?.message.hasPrefix("uses ${TOKEN}, but the environment variable TOKEN is not set") == true)
    }
}
