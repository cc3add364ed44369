import LoadRunnerModel
import LoadRunnerText

/// `checks.csv`: one row per check of the profile, in profile order; written only when the run had checks.
///
/// `expression` is the expectation as written (`{{ requests.insert.ok }}`), `expected` its value for the run
/// and `actual` the first line of the command's output (both empty when missing); `passed` is `true` or
/// `false`, `problem` says why it failed; `outcome` is how the command ended (`exit 0`, `timed out after 60s`)
/// and `start_s`/`end_s` when, in seconds since the run started, all empty when it never ran.
package enum ChecksCSV {
    package static let header = "name,command,comparison,expression,expected,actual,passed,problem,outcome,start_s,end_s"

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ checks: [CheckResult], to output: inout some TextOutputStream) {
        output.write(header + "\n")
        for check in checks {
            output.write(CSVRow.line([
                check.name, check.command, check.comparison.rawValue, check.expression, check.expected ?? "",
                check.actual ?? "", check.passed ? "true" : "false", check.problem ?? "",
            ] + CommandRunFields.fields(check.run)) + "\n")
        }
    }

    /// The whole file as a string.
    package static func render(_ checks: [CheckResult]) -> String {
        var text = ""
        write(checks, to: &text)
        return text
    }
}

/// The `outcome,start_s,end_s` fields of a command's run, shared by `checks.csv` and `actions.csv`.
enum CommandRunFields {
    /// How it ended and when (seconds since the run started, 3 decimals); three empty fields without a run.
    static func fields(_ run: ShellOutcome?) -> [String] {
        guard let run else { return ["", "", ""] }
        return [run.outcome, ReportNumber.fixed(run.startSeconds, decimals: 3), ReportNumber.fixed(run.endSeconds, decimals: 3)]
    }
}
