import LoadRunnerModel
import LoadRunnerText

/// `actions.csv`: one row per action of the profile, in profile order; written only when the run had actions.
///
/// `when` is the trigger as the profile says it (`after 12000 requests`, `at end`); `required` and
/// `succeeded` are `true` or `false`; `outcome`, `start_s` and `end_s` (seconds since the run started) are
/// empty for an action that never ran, and `skipped_because` says why. The output is in `result.json`.
package enum ActionsCSV {
    package static let header = "name,command,when,required,outcome,start_s,end_s,succeeded,skipped_because"

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ actions: [ActionResult], to output: inout some TextOutputStream) {
        output.write(header + "\n")
        for action in actions {
            output.write(CSVRow.line(
                [action.name, action.command, action.when, action.required ? "true" : "false"]
                    + CommandRunFields.fields(action.run)
                    + [action.succeeded ? "true" : "false", action.skippedBecause ?? ""]) + "\n")
        }
    }

    /// The whole file as a string.
    package static func render(_ actions: [ActionResult]) -> String {
        var text = ""
        write(actions, to: &text)
        return text
    }
}
