import LoadRunnerModel
import LoadRunnerText

/// The **Actions**: the commands run at moments of the run. The note, a bold line when a required action
/// failed, then the table; nothing when the run had no actions.
enum ActionsSection {
    static let note = "Commands run at moments of the run; times in seconds since the start. Output: its "
        + "last lines (standard error when the command failed); result.json has it all."

    static func blocks(_ result: RunResult) -> [Block] {
        guard let actions = result.actions, !actions.isEmpty else { return [] }
        return [.heading(2, "Actions"), .paragraph(note)]
            + (failedLine(actions).map { [.paragraph($0)] } ?? []) + [.table(table(actions))]
    }

    /// `**Required action "stop replica2" failed: the run fails.**`; nil when no required action failed.
    static func failedLine(_ actions: [ActionResult]) -> [Inline]? {
        let failed = actions.filter(\.failsRun).map { "\"\($0.name)\"" }
        guard !failed.isEmpty else { return nil }
        let names = failed.count == 1 ? "Required action \(failed[0]) failed" : "Required actions \(failed.joined(separator: ", ")) failed"
        return [.strong("\(names): the run fails.")]
    }

    /// One row per action: name, trigger, start and end (run seconds), duration, how it ended (bold when a
    /// required action failed), required, and the last lines of its output.
    static func table(_ actions: [ActionResult]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Action"), .init("When"), .init("Start s", .right), .init("End s", .right), .init("Duration", .right),
            .init("Outcome"), .init("Required"), .init("Output"),
        ])
        for action in actions {
            let outcome = action.run?.outcome ?? "did not run: " + (action.skippedBecause ?? "unknown reason")
            let times = action.run.map {
                [ReportText.runSeconds($0.startSeconds, decimals: 2), ReportText.runSeconds($0.endSeconds, decimals: 2),
                 ReportText.commandDuration(seconds: $0.endSeconds - $0.startSeconds)]
            } ?? ["-", "-", "-"]
            let plain = ([action.name, action.whenStarted] + times).map { [Inline.text($0)] }
            table.append(cells: plain + [
                action.failsRun ? [.strong(outcome)] : [.text(outcome)],
                [.text(action.required ? "yes" : "no")],
                [.text(action.run.map { ReportText.outputTail($0) } ?? "")],
            ])
        }
        return table
    }
}
