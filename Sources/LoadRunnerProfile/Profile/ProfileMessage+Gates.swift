import LoadRunnerModel

/// Messages about `thresholds:` and `compare:`.
extension ProfileMessage {
    static let expectThresholds = "a list of thresholds, e.g. `- \"p95 < 200ms\"`"
    static let expectThreshold =
        "a threshold such as `\"p95 < 200ms\"`, or a map like `{ threshold: \"p99 < 1s\", abort_on_fail: true }`"
    static let expectThresholdText = "a threshold such as `\"p95 < 200ms\"`"
    static let exampleThreshold = "`threshold: \"p99 < 1s\"`"
    static let expectCompare = "a list of budgets, e.g. `- \"p95 > +10% and +2ms\"`"
    static let expectBudget = "a budget such as `\"p95 > +10% and +2ms\"` or `\"rps < -5%\"`"

    static func threshold(_ error: ThresholdParseError) -> String { error.description }

    static func budget(_ error: BudgetParseError) -> String { error.description }

    static func thresholdNeedsQuotes(_ text: String) -> String {
        "is a map because of the \": \" in it; quote the threshold: `- \"\(text)\"`"
    }

    static func thresholdUnknownRequest(_ text: String, name: String, suggestion: String?, known: [String]) -> String {
        let head = "\"\(text)\" names request `\(name)`, which is not under `requests`; "
        if let suggestion { return head + "did you mean `\(suggestion)`?" }
        return head + (known.isEmpty ? "add the request" : "use one of: \(known.joined(separator: ", "))")
    }

    static func thresholdStageMissing(_ text: String, stage: Int, stageCount: Int) -> String {
        let stages = stageCount == 1 ? "has 1 stage" : "has \(stageCount) stages (1 to \(stageCount))"
        return "\"\(text)\" names stage \(stage), but the profile \(stages)"
    }

    static func duplicateBudget(_ text: String, metric: MetricID, firstIndex: Int) -> String {
        "\"\(text)\" is a second budget for \(metric.compareName) (compare[\(firstIndex)] is the first); keep one, "
            + "joining limits with `and`"
    }
}
