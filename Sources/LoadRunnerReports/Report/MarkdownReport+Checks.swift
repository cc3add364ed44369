import LoadRunnerModel
import LoadRunnerText

/// The **Checks** section of `report.md` (and `report.html`): commands run after the run whose output was
/// compared with an expression over the run's numbers.
extension MarkdownReport {
    /// Longest command shown in the table; the profile at the end of the report has it whole.
    static let tableCommandLength = 60

    /// `2 of 3 checks passed.` (the failures in bold), then the table. Writes nothing when the run had no
    /// checks, so such a report is unchanged.
    static func writeChecks(_ result: RunResult, to output: inout some TextOutputStream) {
        guard let checks = result.checks, !checks.isEmpty else { return }
        output.write("\n## Checks\n\n\(checksLine(checks))\n\n")
        checksTable(checks).writeMarkdown(to: &output)
    }

    /// The counts in one sentence, bold when a check failed.
    static func checksLine(_ checks: [CheckResult]) -> String {
        checks.passedCount == checks.count ? checks.countsText + "." : "**\(checks.countsText).**"
    }

    /// One row per check: name, command, the expectation as written and its value for this run, the output
    /// compared, PASS or FAIL, and why it failed.
    static func checksTable(_ checks: [CheckResult]) -> TextTable {
        var table = TextTable(columns: [
            .init("Check"), .init("Command"), .init("Expectation"), .init("Expected", .right), .init("Actual", .right),
            .init("Result"), .init("Problem"),
        ])
        for check in checks {
            table.append([
                check.name,
                ReportText.inlineCode(ReportText.shortened(check.command, maxCharacters: tableCommandLength)),
                "\(check.comparison.words) \(check.expression)",
                check.expected ?? "-",
                check.actual.map { ReportText.shortened($0, maxCharacters: 40) } ?? "-",
                check.passed ? "PASS" : "**FAIL**",
                TerminalText.sanitized(check.problem ?? ""),
            ])
        }
        return table
    }
}
