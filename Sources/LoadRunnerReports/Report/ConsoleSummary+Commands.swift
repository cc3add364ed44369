import LoadRunnerModel
import LoadRunnerText

extension ConsoleSummary {
    /// `checks: 2/3 passed`, then one `check failed:` line per failed check (name and problem), then one
    /// `required action failed:` line per required action that failed or never ran. Writes nothing for a run
    /// without checks and actions.
    static func writeCommands(_ result: RunResult, to output: inout some TextOutputStream) {
        if let checks = result.checks, !checks.isEmpty {
            output.write("checks: \(checks.passedCount)/\(checks.count) passed\n")
            for check in checks where !check.passed {
                output.write("check failed: \(check.name): \(TerminalText.sanitized(check.problem ?? "did not pass"))\n")
            }
        }
        for action in result.actions ?? [] where action.failsRun {
            let outcome = action.run?.outcome ?? "did not run: " + (action.skippedBecause ?? "unknown reason")
            output.write("required action failed: \(action.name) (\(action.when)): \(TerminalText.sanitized(outcome))\n")
        }
    }
}
