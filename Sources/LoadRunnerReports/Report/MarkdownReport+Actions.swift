import LoadRunnerModel
import LoadRunnerText

/// The **Actions** section of `report.md` (and `report.html`): the commands run at moments of the run.
extension MarkdownReport {
    static let actionsNote = "Commands run at moments of the run; times in seconds since the start. Output: its "
        + "last lines (standard error when the command failed); result.json has it all."

    /// The note, a bold line when a required action failed, then the table. Writes nothing when the run had
    /// no actions, so such a report is unchanged.
    static func writeActions(_ result: RunResult, to output: inout some TextOutputStream) {
        guard let actions = result.actions, !actions.isEmpty else { return }
        output.write("\n## Actions\n\n\(actionsNote)\n\n")
        if let line = failedActionsLine(actions) { output.write("\(line)\n\n") }
        actionsTable(actions).writeMarkdown(to: &output)
    }

    /// `**Required action "stop replica2" failed: the run fails.**`; nil when no required action failed.
    static func failedActionsLine(_ actions: [ActionResult]) -> String? {
        let failed = actions.filter(\.failsRun).map { "\"\($0.name)\"" }
        guard !failed.isEmpty else { return nil }
        let names = failed.count == 1 ? "Required action \(failed[0]) failed" : "Required actions \(failed.joined(separator: ", ")) failed"
        return "**\(names): the run fails.**"
    }

    /// One row per action: name, trigger, start and end (run seconds), duration, how it ended (bold when a
    /// required action failed), required, and the last lines of its output.
    static func actionsTable(_ actions: [ActionResult]) -> TextTable {
        var table = TextTable(columns: [
            .init("Action"), .init("When"), .init("Start s", .right), .init("End s", .right), .init("Duration", .right),
            .init("Outcome"), .init("Required"), .init("Output"),
        ])
        for action in actions {
            let outcome = action.run?.outcome ?? "did not run: " + (action.skippedBecause ?? "unknown reason")
            let times = action.run.map {
                [ReportText.runSeconds($0.startSeconds, decimals: 2), ReportText.runSeconds($0.endSeconds, decimals: 2),
                 ReportText.commandDuration(seconds: $0.endSeconds - $0.startSeconds)]
            } ?? ["-", "-", "-"]
            table.append(
                [action.name, action.whenStarted] + times + [
                    action.failsRun ? "**\(outcome)**" : outcome,
                    action.required ? "yes" : "no",
                    action.run.map { ReportText.outputTail($0) } ?? "",
                ])
        }
        return table
    }
}
