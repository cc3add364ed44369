import LoadRunnerModel
import LoadRunnerText

/// The **Checks**: commands run after the run whose output was compared with an expression over the run's
/// numbers. `2 of 3 checks passed.` (bold when one failed), then the table; nothing without checks.
enum ChecksSection {
    /// Longest command shown in the table; the profile at the end of the report has it whole.
    static let tableCommandLength = 60

    static func blocks(_ result: RunResult) -> [Block] {
        guard let checks = result.checks, !checks.isEmpty else { return [] }
        return [.heading(2, "Checks"), .paragraph(line(checks)), .table(table(checks))]
    }

    /// The counts in one sentence, bold when a check failed.
    static func line(_ checks: [CheckResult]) -> [Inline] {
        checks.passedCount == checks.count ? [.text(checks.countsText + ".")] : [.strong("\(checks.countsText).")]
    }

    /// One row per check: name, command, the expectation as written and its value for this run, the output
    /// compared, PASS or FAIL, and why it failed.
    static func table(_ checks: [CheckResult]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Check"), .init("Command"), .init("Expectation"), .init("Expected", .right), .init("Actual", .right),
            .init("Result"), .init("Problem"),
        ])
        for check in checks {
            table.append(cells: [
                [.text(check.name)],
                [.code(ReportText.shortened(check.command, maxCharacters: tableCommandLength))],
                [.text("\(check.comparison.words) \(check.expression)")],
                [.text(check.expected ?? "-")],
                [.text(check.actual.map { ReportText.shortened($0, maxCharacters: 40) } ?? "-")],
                check.passed ? [.text("PASS")] : [.strong("FAIL")],
                [.text(TerminalText.sanitized(check.problem ?? ""))],
            ])
        }
        return table
    }

    /// On the console: `checks: 2/3 passed`, then one `check failed:` line per failed check (name and problem),
    /// then one `required action failed:` line per required action that failed or never ran.
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        var lines: [String] = []
        if let checks = result.checks, !checks.isEmpty {
            lines.append("checks: \(checks.passedCount)/\(checks.count) passed")
            for check in checks where !check.passed {
                lines.append("check failed: \(check.name): \(TerminalText.sanitized(check.problem ?? "did not pass"))")
            }
        }
        for action in result.actions ?? [] where action.failsRun {
            let outcome = action.run?.outcome ?? "did not run: " + (action.skippedBecause ?? "unknown reason")
            lines.append("required action failed: \(action.name) (\(action.when)): \(TerminalText.sanitized(outcome))")
        }
        return lines.map { .paragraph($0) }
    }
}
