@testable import LoadRunnerModel
import Testing

/// A valid profile (lines 1-5), then `extra` from line 6.
private func monitorsProfile(_ extra: String) -> String {
    """
    target: http://127.0.0.1:8085
    requests:
      - { name: a, path: / }
    stages:
      - { users: 1, duration: 1s }
    \(extra)
    """
}

/// `monitors:` in profiles: decoded values, and every problem with its line and key path.
@Suite("Profile monitors")
struct ProfileMonitorsTests {
    @Test func decodesPidsAndPidFiles() throws {
        let profile = try ProfileFixtures.load(monitorsProfile("""
            monitors:
              - { name: primary, pid_file: data/primary/postmaster.pid }
              - { name: abs, pid_file: /run/x.pid }
              - name: service
                pid: 12345
            """))
        #expect(profile.monitors == [
            MonitorSpec(name: "primary", target: .pidFile(ProfileFixtures.directory + "/data/primary/postmaster.pid")),
            MonitorSpec(name: "abs", target: .pidFile("/run/x.pid")),
            MonitorSpec(name: "service", target: .pid(12345)),
        ])
    }

    @Test func absentOrEmptyMeansNone() throws {
        #expect(try ProfileFixtures.load(ProfileFixtures.minimal).monitors.isEmpty)
        #expect(try ProfileFixtures.load(monitorsProfile("monitors:")).monitors.isEmpty)
        #expect(try ProfileFixtures.load(monitorsProfile("monitors: []")).monitors.isEmpty)
    }

    /// Extra YAML from line 6, then the one problem it must produce.
    static let invalid: [(String, String, Int, String)] = [
        ("monitors:\n  - { name: a }", "monitors[0]", 7,
         "needs `pid` or `pid_file`; add one, e.g. `pid_file: data/postmaster.pid` or `pid: 12345`"),
        ("monitors:\n  - { name: a, pid: 1, pid_file: x.pid }", "monitors[0].pid_file", 7,
         "is given together with `pid`; keep one of `pid` and `pid_file`"),
        ("monitors:\n  - { name: a, pid: 0 }", "monitors[0].pid", 7,
         "0 is not a process id; write a positive pid such as 12345"),
        ("monitors:\n  - { name: a, pid: -4 }", "monitors[0].pid", 7,
         "-4 is not a process id; write a positive pid such as 12345"),
        ("monitors:\n  - { name: a, pid: abc }", "monitors[0].pid", 7,
         "\"abc\" is not a number; write a process id such as 12345"),
        ("monitors:\n  - { pid: 12 }", "monitors[0].name", 7, "is missing; add it, e.g. `name: primary`"),
        ("monitors:\n  - { name: a, pid: 1 }\n  - { name: a, pid: 2 }", "monitors[1].name", 8,
         "\"a\" is already the name of monitors[0]; give each monitor its own name"),
        ("monitors:\n  - { name: a, pidfile: x.pid }", "monitors[0].pidfile", 7,
         "is not a known key; did you mean `pid_file`?"),
        ("monitors:\n  - { name: a, pid_file: [x] }", "monitors[0].pid_file", 7,
         "must be the path of a file whose first line is the pid, e.g. `data/postmaster.pid`, not a list"),
        ("monitors: primary", "monitors", 6,
         "must be a list of processes to watch, e.g. `- { name: primary, pid_file: data/postmaster.pid }`, not a single value"),
        ("monitors:\n  - primary", "monitors[0]", 7,
         "must be a map like `{ name: primary, pid_file: data/postmaster.pid }` or `{ name: service, pid: 12345 }`, not a single value"),
        ("monitor: []", "monitor", 6, "is not a known key; did you mean `monitors`?"),
    ]

    @Test(arguments: invalid)
    func reportsOneProblem(extra: String, keyPath: String, line: Int, message: String) {
        let problems = ProfileFixtures.problems(monitorsProfile(extra))
        #expect(problems.map(\.keyPath) == [keyPath])
        #expect(problems.map(\.line) == [line])
        #expect(problems.map(\.message) == [message])
    }

    @Test func aMissingPidFileIsNotAProblem() {
        #expect(ProfileFixtures.problems(monitorsProfile("monitors:\n  - { name: a, pid_file: nowhere/x.pid }")).isEmpty)
    }
}
