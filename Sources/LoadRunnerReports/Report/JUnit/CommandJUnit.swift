import LoadRunnerModel

/// Checks and required actions as JUnit test cases, so CI shows each as a test.
///
/// Suite `checks`: one case per check, class `checks`, named after the check; a failed check is a failed case
/// (message: its problem). Suite `actions`: one case per required action (the others cannot fail the run),
/// class `actions`, named after the action; one that failed or never ran is a failed case. A case's time is
/// its command's run time.
package enum CommandJUnit {
    package static let checksSuiteName = "checks"
    package static let actionsSuiteName = "actions"

    /// The checks suite; nil when the run had no checks.
    package static func checksSuite(_ checks: [CheckResult]?) -> JUnitReport.Suite? {
        guard let checks, !checks.isEmpty else { return nil }
        return JUnitReport.Suite(name: checksSuiteName, cases: checks.map { check in
            JUnitReport.Case(
                className: checksSuiteName, name: check.name,
                failure: check.passed ? nil : JUnitReport.Failure(
                    message: "check \(check.name) failed: \(check.problem ?? "did not pass")", details: details(check)),
                durationSeconds: duration(check.run))
        })
    }

    /// The required actions' suite; nil when the run had no required action.
    package static func actionsSuite(_ actions: [ActionResult]?) -> JUnitReport.Suite? {
        let required = (actions ?? []).filter(\.required)
        guard !required.isEmpty else { return nil }
        return JUnitReport.Suite(name: actionsSuiteName, cases: required.map { action in
            let outcome = action.run?.outcome ?? "did not run: " + (action.skippedBecause ?? "unknown reason")
            return JUnitReport.Case(
                className: actionsSuiteName, name: action.name,
                failure: action.failsRun ? JUnitReport.Failure(
                    message: "required action \(action.name) (\(action.when)) failed: \(outcome)",
                    details: details(action, outcome: outcome)) : nil,
                durationSeconds: duration(action.run))
        })
    }

    /// The failure's body: the command, the expectation and what came out.
    private static func details(_ check: CheckResult) -> String {
        var lines = [
            "command: \(check.command)",
            "expected: \(check.comparison.words) \(check.expression)"
                + (check.expected.map { $0 == check.expression ? "" : " = \($0)" } ?? ""),
            "actual: \(check.actual ?? "-")",
        ]
        if let run = check.run { lines += outputLines(run) }
        return lines.joined(separator: "\n")
    }

    private static func details(_ action: ActionResult, outcome: String) -> String {
        let lines = ["command: \(action.command)", "when: \(action.when)"]
            + (action.run.map(outputLines) ?? ["outcome: \(outcome)"])
        return lines.joined(separator: "\n")
    }

    /// How it ended and the last lines of its output.
    private static func outputLines(_ run: ShellOutcome) -> [String] {
        let tail = ReportText.outputTail(run, maxLines: 5, maxCharacters: 2_000, separator: "\n")
        return ["outcome: \(run.outcome)"] + (tail.isEmpty ? [] : ["output (last lines):", tail])
    }

    private static func duration(_ run: ShellOutcome?) -> Double {
        run.map { max(0, $0.endSeconds - $0.startSeconds) } ?? 0
    }
}
