import Testing
@testable import LoadRunnerModel
import LoadRunnerText
import LoadRunnerProfile
import LoadRunnerAnalysis
import LoadRunnerReports

/// `checks:` entries that read a metric (`metric:`) instead of running a command.
@Suite("Profile metric checks")
struct ProfileMetricChecksTests {
    static func profile(_ checks: String) -> String {
        """
        target: http://127.0.0.1:8085
        requests:
          - { name: insert, method: POST, path: /template }
        stages:
          - { users: 1, duration: 10s }
        monitors:
          - { name: replica2 lag, run: "echo 1", unit: bytes }
          - { name: db, pid: 12 }
        checks:
        \(checks)
        """
    }

    @Test func decodesMetricChecks() throws {
        let profile = try ProfileFixtures.load(Self.profile("""
              - { name: nothing failed, metric: total.failed, equals: 0 }
              - { metric: "requests[insert].ok", at_least: "{{ requests[insert].count }}" }
              - { metric: "command[replica2 lag].max", at_most: "{{ 1024 * 1024 }}" }
              - { metric: "monitor[db].cpu", at_most: 150 }
            """))
        #expect(profile.checks.map(\.name) == ["nothing failed", "requests[insert].ok", "command[replica2 lag].max", "monitor[db].cpu"])
        #expect(profile.checks.map { $0.metric?.description } == [
            "total.failed", "requests[insert].ok", "command[replica2 lag].max", "monitor[db].cpu",
        ])
        #expect(profile.checks.allSatisfy { $0.command.isEmpty })
        #expect(profile.checks.map(\.comparison) == [.equals, .atLeast, .atMost, .atMost])
        // Reading a metric runs no command: only the command monitor makes this profile run commands.
        #expect(profile.commandChecks.isEmpty)
    }

    static let problems: [(String, String)] = [
        ("  - { metric: total.faild, equals: 0 }", #""faild" is not a measure of total; did you mean `total.failed`?"#),
        ("  - { metric: totl.failed, equals: 0 }", #""totl.failed" is not a metric; did you mean `total.failed`?"#),
        ("  - { metric: \"requests[insrt].ok\", equals: 0 }",
         #""requests[insrt].ok" names a request name the profile does not have; did you mean `requests[insert].ok`?"#),
        ("  - { metric: \"monitor[dbb].cpu\", equals: 0 }",
         #""monitor[dbb].cpu" names a process monitor the profile does not have; did you mean `monitor[db].cpu`?"#),
        ("  - { metric: \"command[lag].max\", equals: 0 }",
         #""command[lag].max" names a command monitor the profile does not have; the profile has `command[replica2 lag].max`"#),
        ("  - { metric: total.failed, run: \"echo 0\", equals: 0 }",
         "is given together with `metric`; a check reads a command's output or a metric, keep one"),
        ("  - { metric: total.failed, equals: \"{{ requests[nope].ok }}\" }",
         #"uses "requests[nope].ok", which this run does not have; use requests.NAME.ok, .failed or .count (NAME a request name) or total.ok, .failed, .count"#),
    ]

    @Test(arguments: problems)
    func validateNamesWhatIsWrong(check: String, message: String) {
        let found = ProfileFixtures.problems(Self.profile(check))
        #expect(found.map(\.message) == [message], "\(found)")
        #expect(found.first?.line == 10)
    }
}
