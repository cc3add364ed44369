import LoadRunnerText
import LoadRunnerModel
import Yams

/// `thresholds:` (pass/fail of one run) and `compare:` (budgets for `LoadRunner compare`).
extension ProfileDecoder {
    static let thresholdKeys = ["threshold", "abort_on_fail"]

    /// Each entry is a threshold string or `{ threshold: "...", abort_on_fail: true }`. Request names and stage
    /// numbers are checked against what `top` declares (broken requests and stages included, so that a
    /// problem there is not reported twice). An empty `thresholds:` means none.
    mutating func thresholds(_ value: YAMLValue, in top: YAMLMap) -> [ThresholdSpec] {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectThresholds) else { return [] }
        let requestNames = Self.declaredRequestNames(top)
        let stageCount = top["stages"].flatMap { $0.node.sequence?.count }
        let monitors = Self.declaredMonitors(top)
        return items.compactMap { item in
            guard let found = threshold(item) else { return nil }
            if found.spec.isSeries, !monitors.has(found.spec.metric.subject) {
                let metric = found.spec.metric
                report(found.textValue, ProfileMessage.metricSubjectUnknown(metric, known: monitors.paths(like: metric)))
                return nil
            }
            return checkScope(found.spec, at: found.textValue, requestNames: requestNames, stageCount: stageCount)
                ? found.spec : nil
        }
    }

    /// The budget list; a second budget for the same metric is an error (which one would apply?), and so is one on a
    /// flow or `await:` read that `top` does not declare.
    mutating func compareBudgets(_ value: YAMLValue, in top: YAMLMap) -> [Budget] {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectCompare) else { return [] }
        let subjects = Self.declaredMonitors(top)
        var budgets: [Budget] = []
        var firstIndexByMetric: [MetricID: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let text = text(item, expected: ProfileMessage.expectBudget) else { continue }
            switch Budget.parse(text) {
            case .failure(let error):
                report(item, ProfileMessage.budget(error))
            case .success(let budget):
                if budget.metric.isProbeOrFlow, !subjects.has(budget.metric.subject) {
                    report(item, ProfileMessage.metricSubjectUnknown(budget.metric, known: subjects.paths(like: budget.metric)))
                    continue
                }
                if let first = firstIndexByMetric[budget.metric] {
                    report(item, ProfileMessage.duplicateBudget(text, metric: budget.metric, firstIndex: first))
                    continue
                }
                firstIndexByMetric[budget.metric] = index
                budgets.append(budget)
            }
        }
        return budgets
    }

    /// The threshold and the YAML value its text came from.
    private mutating func threshold(_ item: YAMLValue) -> (spec: ThresholdSpec, textValue: YAMLValue)? {
        if let unquoted = Self.unquotedScopedThreshold(item) {
            report(item, ProfileMessage.thresholdNeedsQuotes(unquoted))
            return nil
        }
        var textValue = item
        var abortOnFail = false
        if item.kind == .map {
            guard let map = map(item, keys: Self.thresholdKeys, expected: ProfileMessage.expectThreshold) else { return nil }
            let abort = map["abort_on_fail"].map { bool($0) }
            guard let value = required(map, "threshold", example: ProfileMessage.exampleThreshold) else { return nil }
            guard let abort = abort ?? false else { return nil }
            textValue = value
            abortOnFail = abort
        }
        let expected = item.kind == .map ? ProfileMessage.expectThresholdText : ProfileMessage.expectThreshold
        guard let text = text(textValue, expected: expected) else { return nil }
        switch ThresholdParser.parse(text, abortOnFail: abortOnFail, line: textValue.line) {
        case .success(let spec):
            return (spec, textValue)
        case .failure(let error):
            report(textValue, ProfileMessage.threshold(error))
            return nil
        }
    }

    /// Reports a request name the profile does not have, or a stage beyond its last.
    private mutating func checkScope(_ spec: ThresholdSpec, at value: YAMLValue, requestNames: [String], stageCount: Int?)
        -> Bool
    {
        var valid = true
        if let name = spec.requestName, !requestNames.contains(name) {
            report(value, ProfileMessage.thresholdUnknownRequest(
                spec.text, name: name, suggestion: DidYouMean.suggestion(for: name, among: requestNames),
                known: requestNames))
            valid = false
        }
        if let stage = spec.stage, let stageCount, stage > stageCount {
            report(value, ProfileMessage.thresholdStageMissing(spec.text, stage: stage, stageCount: stageCount))
            valid = false
        }
        return valid
    }

    /// `- user/get: p99 < 500ms` without quotes is a YAML map `{ user/get: "p99 < 500ms" }`; returns the text
    /// the user meant (`user/get: p99 < 500ms`), or nil when `item` is not such a map (a misspelt
    /// `threshold` key is left to the unknown-key message).
    private static func unquotedScopedThreshold(_ item: YAMLValue) -> String? {
        guard case .mapping(let mapping) = item.node, mapping.count == 1, let entry = mapping.first,
              let key = entry.key.scalar?.string, let value = entry.value.scalar?.string,
              !thresholdKeys.contains(key), DidYouMean.suggestion(for: key, among: thresholdKeys) == nil
        else { return nil }
        return "\(key): \(value)"
    }

    /// Every monitor `name` written under `monitors:`, valid or not (command monitors are those with `run`), every
    /// flow's `name` and every `await:` step's read `name` (`request: { name: ... }`).
    private static func declaredMonitors(_ top: YAMLMap) -> MetricSubjects {
        let entries = top["monitors"]?.node.sequence?.compactMap { item -> (name: String, isCommand: Bool)? in
            guard let mapping = item.mapping,
                  let name = mapping.first(where: { $0.key.scalar?.string == "name" })?.value.scalar?.string
            else { return nil }
            return (name, mapping.contains { $0.key.scalar?.string == "run" })
        } ?? []
        let flows = top["flows"]?.node.sequence ?? []
        let steps = flows.flatMap { flow in
            ["on_start", "steps", "on_stop"].flatMap { key in
                flow.mapping?.first { $0.key.scalar?.string == key }?.value.sequence.map(Array.init) ?? []
            }
        }
        let reads = steps.compactMap { step in
            Self.entry("name", in: Self.entry("request", in: Self.entry("await", in: step)))?.scalar?.string
        }
        return MetricSubjects(
            requests: nil, processes: entries.filter { !$0.isCommand }.map(\.name),
            commands: entries.filter(\.isCommand).map(\.name), reads: reads,
            flows: flows.compactMap { Self.entry("name", in: $0)?.scalar?.string })
    }

    /// The value under `key` of a YAML mapping; nil when `node` is no mapping or has no such key.
    private static func entry(_ key: String, in node: Yams.Node?) -> Yams.Node? {
        node?.mapping?.first { $0.key.scalar?.string == key }?.value
    }

    /// Every request `name` written under `requests:` or in a flow's steps, valid or not.
    private static func declaredRequestNames(_ top: YAMLMap) -> [String] {
        var items = Array(top["requests"]?.node.sequence ?? [])
        for flow in top["flows"]?.node.sequence ?? [] {
            for key in ["on_start", "steps", "on_stop"] {
                items += flow.mapping?.first { $0.key.scalar?.string == key }?.value.sequence ?? []
            }
        }
        return items.compactMap { item in
            item.mapping?.first { $0.key.scalar?.string == "name" }?.value.scalar?.string
        }
    }
}
