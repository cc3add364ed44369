import LoadRunnerModel
import LoadRunnerText

/// Messages about `monitors:`.
extension ProfileMessage {
    static let expectMonitors = "a list of processes to watch, e.g. `- { name: primary, pid_file: data/postmaster.pid }`"
    static let expectMonitor = "a map like `{ name: primary, pid_file: data/postmaster.pid }` or `{ name: service, pid: 12345 }`"
    static let expectMonitorName = "a name for the process, e.g. `primary`"
    static let exampleMonitorName = "`name: primary`"
    static let expectPid = "a process id such as 12345"
    static let expectPidFile = "the path of a file whose first line is the pid, e.g. `data/postmaster.pid`"

    static let monitorTargetMissing =
        "needs `pid` or `pid_file`; add one, e.g. `pid_file: data/postmaster.pid` or `pid: 12345`"
    static let monitorTargetAmbiguous = "is given together with `pid`; keep one of `pid` and `pid_file`"

    static func pidNotPositive(_ pid: Int) -> String { "\(pid) is not a process id; write a positive pid such as 12345" }

    /// A `${NAME}` in a monitor's `pid_file` whose variable is not set; `monitor` is nil when the name itself is invalid.
    static func pidFileVariableUnset(_ variable: String, monitor: String?) -> String {
        let subject = monitor.map { "monitor \"\($0)\" " } ?? ""
        return "\(subject)uses ${\(variable)} in pid_file, but the environment variable \(variable) is not set; "
            + "export it before the run (e.g. `export \(variable)=...`)"
    }

    static func duplicateMonitorName(_ name: String, firstIndex: Int) -> String {
        "\"\(name)\" is already the name of monitors[\(firstIndex)]; give each monitor its own name"
    }
}

/// Messages about command monitors, `actions:` and `checks:`.
extension ProfileMessage {
    static let expectMonitorUnit = "the unit of the values, e.g. `bytes` or `ms`"

    static func monitorIntervalTooShort(_ text: String) -> String {
        "\"\(text)\" is too short; sample a command at most every 100ms, e.g. `every: 1s`"
    }

    static let expectCommand = "a shell command, e.g. `Lab/lab stop replica2`"
    static let commandBlank = "is blank; write the shell command to run, e.g. `Lab/lab stop replica2`"
    static let expectCommandName = "a name for reports, e.g. `stop replica2`"

    static func duplicateCommandName(_ name: String, section: String, firstIndex: Int) -> String {
        "\"\(name)\" is already the name of \(section)[\(firstIndex)]; give each its own name"
    }

    static let expectActions = "a list of commands to run during the run, e.g. `- { at: 40%, run: Lab/lab stop replica2 }`"
    static let expectAction =
        "a map like `{ at: 40%, run: Lab/lab stop replica2 }` or `{ after_requests: 12000, run: ..., required: true }`"
    static let exampleActionRun = "`run: Lab/lab stop replica2`"
    static let expectActionAt = "`end`, a share of the run such as `40%`, or a time since the start such as `90s`"
    static let expectAfterRequests = "a number of requests sent since the start, e.g. 12000"
    static let actionTriggerMissing =
        "needs `at` or `after_requests`; add one, e.g. `at: 40%`, `at: 90s`, `at: end` or `after_requests: 12000`"
    static let actionTriggerAmbiguous = "is given together with `at`; keep one of `at` and `after_requests`"

    static func afterRequestsNotPositive(_ count: Int) -> String {
        "\(count) is not a positive number of requests; write e.g. `after_requests: 12000`"
    }

    static func actionShareInvalid(_ text: String) -> String {
        "\"\(text)\" is not a share of the run; write 0% to 100%, e.g. `at: 40%`"
    }

    static func actionShareWithCountedStage(_ text: String) -> String {
        "\"\(text)\" is a share of the run, but a stage ends by `requests:` so the run's length is not known; "
            + "use `after_requests: N` or a time such as `at: 90s`"
    }

    static func actionAtInvalid(_ text: String) -> String {
        "\"\(text)\" is not a moment of the run; write `end`, a share such as `40%`, or a time such as `90s`"
    }

    static let expectChecks =
        "a list of commands checked after the run, e.g. `- { run: ..., equals: \"{{ requests.insert.ok }}\" }`"
    static let expectCheck = "a map like `{ run: Lab/lab sql primary 'select count(*) from template', equals: \"{{ requests.insert.ok }}\" }`"
    static let exampleCheckRun = "`run: Lab/lab sql primary 'select count(*) from template'`"
    static let expectCheckValue = "the expected output, e.g. `\"{{ requests.insert.ok }}\"` or `0`"
    static let checkExpectationMissing =
        "needs one of `equals`, `at_least`, `at_most`; add one, e.g. `equals: \"{{ requests.insert.ok }}\"`"

    static func checkExpectationAmbiguous(_ given: [String]) -> String {
        "is given together with `\(given[0])`; keep one of \(given.map { "`\($0)`" }.joined(separator: ", "))"
    }

    static let checkExpressionUnquoted =
        "is a YAML map: `{{ ... }}` must be quoted, e.g. `equals: \"{{ requests.insert.ok }}\"`"

    static func checkExpressionInvalid(_ problem: String, column: Int, in text: String) -> String {
        "\"\(text)\": \(problem) (at character \(column)); write e.g. \"{{ requests.insert.ok }}\" or \"{{ total.ok - 10 }}\""
    }

    static func checkNameUnknown(_ name: String, known: [String]) -> String {
        if let suggestion = DidYouMean.suggestion(for: name, among: known) {
            return "uses \"\(name)\", which this run does not have; did you mean `\(suggestion)`?"
        }
        return "uses \"\(name)\", which this run does not have; use requests.NAME.ok, .failed or .count "
            + "(NAME a request name) or total.ok, .failed, .count"
    }

    static let stageNeedsEnd =
        "needs `duration` or `requests`; add one, e.g. `duration: 1m` or `requests: 30000` (ends after that many requests)"
    static let expectRequestLimit = "a number of requests after which the stage ends, e.g. 30000"
    static let countedStageWithoutUsers = "needs users to send them; set `users` to 1 or more"

    static func requestLimitNotPositive(_ count: Int) -> String {
        "\(count) is not a positive number of requests; write e.g. `requests: 30000`"
    }
}

/// Messages about `${NAME}` in header values (and, for a malformed reference, in a monitor's `pid_file`).
extension ProfileMessage {
    static func environmentVariableUnset(_ name: String) -> String {
        "uses ${\(name)}, but the environment variable \(name) is not set; export it before the run "
            + "(e.g. `export \(name)=...`); its value is never written to result files"
    }

    static func environmentReferenceMalformed(_ reference: String) -> String {
        "has \"\(reference)\", which is not a variable reference; write ${NAME} with a name of letters, digits and _"
    }
}

/// Messages about metric paths (`checks[].metric`).
extension ProfileMessage {
    static let expectCheckMetric = "a metric path, e.g. `total.failed`, `requests[insert].ok` or `command[replica2 lag].max`"
    static let checkRunAndMetric = "is given together with `metric`; a check reads a command's output or a metric, keep one"

    static func metricSubjectUnknown(_ metric: MetricID, known: [String]) -> String {
        let kind = switch metric.subject {
        case .request: "request name"
        case .monitor: "process monitor"
        case .command: "command monitor"
        case .visibility: "read of an `await:` step"
        case .flow: "flow"
        case .total, .generator: "name"
        }
        let hint = DidYouMean.suggestion(for: metric.description, among: known).map { "; did you mean `\($0)`?" }
            ?? (known.isEmpty ? "; the profile has none" : "; the profile has \(known.map { "`\($0)`" }.joined(separator: ", "))")
        return "\"\(metric)\" names a \(kind) the profile does not have\(hint)"
    }

    static func metricInvalid(_ error: MetricID.ParseError) -> String {
        switch error {
        case .empty:
            return "is empty; write a metric path such as `total.failed` or `latency.p95`"
        case .unclosedName(let text):
            return "\"\(text)\" has no `].measure` after its name; write e.g. `requests[insert].ok`"
        case .unknownMeasure(let text, let subject, let suggestion):
            let measures = suggestion.map { "; did you mean `\(subject).\($0)`?" } ?? ""
            return "\"\(text)\" is not a measure of \(subject)\(measures)"
        case .unknownMetric(let text, let suggestion):
            let hint = suggestion.map { "did you mean `\($0)`?" }
                ?? "write e.g. `total.failed`, `latency.p95`, `requests[NAME].ok`, `monitor[NAME].cpu` or `command[NAME].max`"
            return "\"\(text)\" is not a metric; \(hint)"
        case .percentileOutOfRange(let text):
            return "\"\(text)\": a percentile is above 0 and at most 100"
        }
    }
}
