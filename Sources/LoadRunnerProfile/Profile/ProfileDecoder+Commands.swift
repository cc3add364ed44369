import LoadRunnerModel
import LoadRunnerText

/// `actions:` and `checks:` — commands the profile runs during and after the run.
extension ProfileDecoder {
    static let actionKeys = ["name", "at", "after_requests", "run", "required", "timeout"]
    static let checkKeys = ["name", "run", "metric", "equals", "at_least", "at_most", "timeout"]

    /// Each entry: `{ at: 40% | 90s | end, run: CMD }` or `{ after_requests: N, run: CMD }`, with optional
    /// `name`, `required` (default false) and `timeout` (default 120s). A share of the run (`40%`) needs
    /// stages that all end by time: the length of a stage that ends by count is not known in advance.
    mutating func actions(_ value: YAMLValue, stages: [Stage]?) -> [ActionSpec] {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectActions) else { return [] }
        var names = UniqueNames()
        return items.enumerated().compactMap { index, item -> ActionSpec? in
            guard let map = map(item, keys: Self.actionKeys, expected: ProfileMessage.expectAction) else { return nil }
            let command = required(map, "run", example: ProfileMessage.exampleActionRun).flatMap { self.command($0) }
            let trigger = actionTrigger(map, stages: stages)
            let required = map["required"].map { bool($0) } ?? false
            let timeout = map["timeout"].map { positiveDuration($0) } ?? ActionSpec.defaultTimeout
            let name = commandName(map, command: command, index: index, names: &names, section: "actions")
            guard let command, let trigger, let required, let timeout, let name else { return nil }
            return ActionSpec(name: name, trigger: trigger.trigger, when: trigger.when, command: command,
                              required: required, timeout: timeout)
        }
    }

    /// Each entry: `{ run: CMD | metric: PATH, equals | at_least | at_most: EXPECTED }` with optional `name` and
    /// `timeout` (default 60s, commands only). EXPECTED is text or a number, with `{{ ... }}` over the run's numbers
    /// (`RunNumbers`); PATH is a metric over the whole run (`total.failed`, see `MetricID+Parsing`).
    mutating func checks(_ value: YAMLValue, requests: [RequestSpec]?, monitors: MetricSubjects) -> [CheckSpec] {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectChecks) else { return [] }
        var names = UniqueNames()
        let subjects = MetricSubjects(requests: requests?.map(\.name), processes: monitors.processes, commands: monitors.commands)
        return items.enumerated().compactMap { index, item -> CheckSpec? in
            guard let map = map(item, keys: Self.checkKeys, expected: ProfileMessage.expectCheck) else { return nil }
            let source = checkSource(map, subjects: subjects)
            let expectation = checkExpectation(map, subjects: subjects)
            let timeout = map["timeout"].map { positiveDuration($0) } ?? CheckSpec.defaultTimeout
            let name = commandName(map, command: source.map { $0.metric?.description ?? $0.command }, index: index,
                                   names: &names, section: "checks")
            guard let source, let expectation, let timeout, let name else { return nil }
            return CheckSpec(name: name, command: source.command, metric: source.metric,
                             comparison: expectation.comparison, expected: expectation.expression, timeout: timeout)
        }
    }

    /// Exactly one of `run` (a command) and `metric` (a metric path the profile's requests and monitors have).
    private mutating func checkSource(_ map: YAMLMap, subjects: MetricSubjects) -> (command: String, metric: MetricID?)? {
        guard let metricValue = map["metric"] else {
            return required(map, "run", example: ProfileMessage.exampleCheckRun).flatMap { self.command($0) }.map { ($0, nil) }
        }
        if let run = map["run"] {
            report(run, ProfileMessage.checkRunAndMetric)
            return nil
        }
        guard let text = text(metricValue, expected: ProfileMessage.expectCheckMetric) else { return nil }
        switch MetricID.parse(text) {
        case .success(let metric):
            guard subjects.has(metric.subject) else {
                report(metricValue, ProfileMessage.metricSubjectUnknown(metric, known: subjects.paths(like: metric)))
                return nil
            }
            return ("", metric)
        case .failure(let error):
            report(metricValue, ProfileMessage.metricInvalid(error))
            return nil
        }
    }

    /// A non-blank shell command.
    mutating func command(_ value: YAMLValue) -> String? {
        guard let text = text(value, expected: ProfileMessage.expectCommand) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            report(value, ProfileMessage.commandBlank)
            return nil
        }
        return text
    }

    /// `name:` when given (unique within its section), else the command itself.
    private mutating func commandName(
        _ map: YAMLMap, command: String?, index: Int, names: inout UniqueNames, section: String
    ) -> String? {
        guard let nameValue = map["name"] else { return command }
        guard let name = text(nameValue, expected: ProfileMessage.expectCommandName) else { return nil }
        if let first = names.claim(name, index: index) {
            report(nameValue, ProfileMessage.duplicateCommandName(name, section: section, firstIndex: first))
            return nil
        }
        return name
    }

    /// Exactly one of `at` and `after_requests`.
    private mutating func actionTrigger(_ map: YAMLMap, stages: [Stage]?) -> (trigger: ActionTrigger, when: String)? {
        switch (map["at"], map["after_requests"]) {
        case (nil, nil):
            guard map.value.node.mapping?.count == map.entries.count else { return nil }
            report(line: map.value.line, column: map.value.column, keyPath: map.keyPath, ProfileMessage.actionTriggerMissing)
            return nil
        case (.some, .some(let second)):
            report(second, ProfileMessage.actionTriggerAmbiguous)
            return nil
        case (nil, .some(let countValue)):
            guard let count = integer(countValue, expected: ProfileMessage.expectAfterRequests, in: 1...ProfileLimits.maxRequests,
                                      advice: ProfileMessage.adviseRequests) else { return nil }
            guard count > 0 else {
                report(countValue, ProfileMessage.afterRequestsNotPositive(count))
                return nil
            }
            return (.afterRequests(count), "after \(count) requests")
        case (.some(let atValue), nil):
            return atTrigger(atValue, stages: stages)
        }
    }

    /// `end`, a share such as `40%` (0-100%), or a run time such as `90s`.
    private mutating func atTrigger(_ value: YAMLValue, stages: [Stage]?) -> (trigger: ActionTrigger, when: String)? {
        guard let text = text(value, expected: ProfileMessage.expectActionAt) else { return nil }
        let trimmed = text.trimmingWhitespace()
        if trimmed == "end" { return (.end, "at end") }
        if trimmed.hasSuffix("%") {
            guard let percent = Double(String(trimmed.dropLast()).trimmingWhitespace()), percent.isFinite, (0...100).contains(percent) else {
                report(value, ProfileMessage.actionShareInvalid(text))
                return nil
            }
            if let stages, stages.contains(where: { $0.requestLimit != nil }) {
                report(value, ProfileMessage.actionShareWithCountedStage(text))
                return nil
            }
            return (.atShare(percent / 100), "at \(trimmed)")
        }
        guard let duration = checkedDuration(trimmed, at: value, max: ProfileLimits.maxRunDuration,
                                             invalid: { ProfileMessage.actionAtInvalid(text) }) else { return nil }
        return (.atTime(duration), "at \(trimmed)")
    }

    /// Exactly one of `equals`, `at_least`, `at_most`; its expression parsed and its names known.
    private mutating func checkExpectation(
        _ map: YAMLMap, subjects: MetricSubjects
    ) -> (comparison: CheckComparison, expression: CheckExpression)? {
        let given = CheckComparison.allCases.compactMap { comparison in map[comparison.rawValue].map { (comparison, $0) } }
        guard let (comparison, value) = given.first else {
            guard map.value.node.mapping?.count == map.entries.count else { return nil }
            report(line: map.value.line, column: map.value.column, keyPath: map.keyPath, ProfileMessage.checkExpectationMissing)
            return nil
        }
        guard given.count == 1 else {
            report(given[1].1, ProfileMessage.checkExpectationAmbiguous(given.map(\.0.rawValue)))
            return nil
        }
        if value.kind == .map {
            report(value, ProfileMessage.checkExpressionUnquoted)
            return nil
        }
        guard let text = text(value, expected: ProfileMessage.expectCheckValue) else { return nil }
        let expression: CheckExpression
        do {
            expression = try CheckExpression(parsing: text)
        } catch {
            report(value, ProfileMessage.checkExpressionInvalid(error.message, column: error.column, in: text))
            return nil
        }
        if let requests = subjects.requests {
            let known = RunNumbers.names(requestNames: requests)
            for name in expression.names where !known.contains(name) {
                // Any metric path of the profile's requests and monitors is a name too.
                if case .success(let metric) = MetricID.parse(name), subjects.has(metric.subject) { continue }
                report(value, ProfileMessage.checkNameUnknown(name, known: known))
                return nil
            }
        }
        return (comparison, expression)
    }
}
