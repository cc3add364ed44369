import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Text pieces for the profile's commands (actions, checks, command monitors) in the human-readable reports.
extension ReportText {
    /// At most `maxCharacters` characters of `text`, whitespace-trimmed, the end cut off with `…`.
    static func shortened(_ text: String, maxCharacters: Int) -> String {
        let trimmed = TerminalText.sanitized(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count > maxCharacters else { return trimmed }
        return String(trimmed.prefix(max(0, maxCharacters - 1))) + "…"
    }

    /// The last `maxLines` non-blank lines of what a command printed, joined with `separator`, at most
    /// `maxCharacters` characters (the start cut off with `…`): standard error when the command did not
    /// succeed and wrote any, else standard output, else standard error. Empty when it printed nothing.
    static func outputTail(
        _ run: ShellOutcome, maxLines: Int = 2, maxCharacters: Int = 60, separator: String = " ⏎ "
    ) -> String {
        let stderr = nonBlankLines(run.stderr)
        let stdout = nonBlankLines(run.stdout)
        let lines = !run.succeeded && !stderr.isEmpty ? stderr : (stdout.isEmpty ? stderr : stdout)
        let tail = lines.suffix(maxLines).joined(separator: separator)
        guard tail.count > maxCharacters else { return tail }
        return "…" + String(tail.suffix(max(0, maxCharacters - 1)))
    }

    /// A command's value for people: at most 2 decimals, trailing zeros dropped (`1234`, `0.5`).
    static func commandValue(_ value: Double?) -> String {
        value.map { ReportNumber.trimmed($0, maxDecimals: 2) } ?? "-"
    }

    /// `12.3` seconds since the run started.
    static func runSeconds(_ seconds: Double, decimals: Int = 1) -> String {
        ReportNumber.fixed(seconds, decimals: decimals)
    }

    /// How long a command ran: `0.05 s`, `12.40 s`, then as `duration(seconds:)` from a minute on.
    static func commandDuration(seconds: Double) -> String {
        seconds < 60 ? ReportNumber.fixed(max(0, seconds), decimals: 2) + " s" : duration(seconds: seconds)
    }

    private static func nonBlankLines(_ text: String) -> [String] {
        TerminalText.sanitized(text).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension CheckComparison {
    /// The comparison in words: `equals`, `at least`, `at most`.
    var words: String {
        switch self {
        case .equals: "equals"
        case .atLeast: "at least"
        case .atMost: "at most"
        }
    }
}

extension [CheckResult] {
    /// How many passed.
    var passedCount: Int { filter(\.passed).count }

    /// `2 of 3 checks passed`, `1 of 1 check passed`.
    var countsText: String {
        "\(passedCount) of \(count) check\(count == 1 ? "" : "s") passed"
    }
}

extension RunResult {
    /// The stages that end by count (`requests:`), in order.
    var countedStages: [StageResult] { stages.filter { $0.requestLimit != nil } }

    /// True when `stage` is the last and the run itself stopped during it (interrupted, aborted by a threshold,
    /// or a required action that started before the stage's end failed), so a count it did not reach was cut
    /// short by that rather than by its own time limit.
    func runStoppedFirst(_ stage: StageResult) -> Bool {
        let actionStopped = (actions ?? []).contains { action in
            action.failsRun && action.run.map { $0.startSeconds < stage.endSeconds } ?? false
        }
        return stage.number == stages.last?.number && (interrupted || abortedBy != nil || actionStopped)
    }
}
