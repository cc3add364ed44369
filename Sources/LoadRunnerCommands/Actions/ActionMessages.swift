import LoadRunnerModel
import LoadRunnerText

/// Messages about actions and checks.
extension CommandMessages {
    static func actionStarted(_ action: ActionSpec, atSeconds: Double, sent: Int) -> String {
        let count = if case .afterRequests = action.trigger { ", \(sent) requests sent" } else { "" }
        return "action \"\(action.name)\" (\(action.when)) started at \(seconds(atSeconds))s\(count): \(action.command)"
    }

    static func endActionStarted(_ action: ActionSpec) -> String {
        "action \"\(action.name)\" (at end) started: \(action.command)"
    }

    static func actionEnded(_ action: ActionSpec, run: ShellOutcome) -> String {
        "action \"\(action.name)\" ended: \(run.outcome) after \(seconds(run.endSeconds - run.startSeconds))s"
    }

    static func actionFailed(_ action: ActionSpec, run: ShellOutcome) -> String {
        "action \"\(action.name)\" failed: \(run.outcome)\(firstLine(of: run.stderr).map { " (\($0))" } ?? "")"
            + (action.required ? "; it is required, so the run fails" : "; not required, the run goes on")
    }

    static func actionStopped(_ action: ActionSpec, run: ShellOutcome) -> String {
        "action \"\(action.name)\" was stopped with the run: \(run.outcome)"
    }

    static func requiredActionFailed(_ action: ActionSpec, run: ShellOutcome) -> String {
        "required action \"\(action.name)\" failed (\(run.outcome))"
    }

    static func skippedAfterRequiredFailure(_ action: ActionSpec) -> String {
        "required action \"\(action.name)\" failed before it"
    }

    /// A timed action still running when the load ended: the run waits for it (up to its timeout).
    static func waitingForAction(_ command: RunningCommand) -> String {
        let started = seconds(Double(command.startMicros) / 1_000_000)
        let timeout = seconds(Double(command.timeoutMicros) / 1_000_000)
        return "the load has ended; waiting for \(command.role) (started at \(started)s, timeout \(timeout)s) to end"
    }

    static let actionNotReached = "the load ended before its moment"
    static let skippedInterrupted = "the run was interrupted"
    static let checkNotRun = "not run: the run was interrupted"

    static func checkPassed(_ result: CheckResult) -> String {
        "check \"\(result.name)\" passed: \(result.actual ?? "") \(symbol(result.comparison)) \(result.expected ?? "")"
    }

    static func checkFailed(_ result: CheckResult) -> String {
        "check \"\(result.name)\" failed: \(result.problem ?? "")"
    }

    static func checkExpressionFailed(_ error: ArithmeticExpression.EvaluationError) -> String {
        switch error {
        case .unknownName(let name, let known):
            "the run has no number \"\(name)\"; it has \(known.joined(separator: ", "))"
        case .divisionByZero:
            "the expected value divides by zero for this run"
        }
    }

    static func checkCommandFailed(_ run: ShellOutcome) -> String {
        "the command failed: \(run.outcome)\(firstLine(of: run.stderr).map { " (\($0))" } ?? "")"
    }

    private static func symbol(_ comparison: CheckComparison) -> String {
        switch comparison {
        case .equals: "="
        case .atLeast: ">="
        case .atMost: "<="
        }
    }

    private static func seconds(_ value: Double) -> String { ReportNumber.fixed(value, decimals: 1) }

    private static func firstLine(of text: String) -> String? {
        text.split(whereSeparator: \.isNewline).map { String($0.prefix(160)) }.first { !$0.allSatisfy(\.isWhitespace) }
    }
}
