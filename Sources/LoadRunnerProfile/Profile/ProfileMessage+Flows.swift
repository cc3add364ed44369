import LoadRunnerModel

/// Messages about `flows:`: flows, their steps, think steps, captured variables and sessions.
extension ProfileMessage {
    static let expectFlows = "a list of flows, e.g. `- { name: browse, steps: [{ name: home, path: / }] }`"
    static let expectFlow = "a map with at least `name` and `steps`, e.g. `{ name: browse, steps: [{ name: home, path: / }] }`"
    static let expectFlowName = "a name for the flow's row in the report, e.g. `sign up and read back`"
    static let expectSteps = "a list of steps: requests such as `- { name: home, path: / }` or waits such as `- think: 1s`"
    static let expectStep = "a request such as `{ name: home, path: / }` or a wait such as `{ think: 1s }`"
    static let expectThink = "a duration such as `1s`, or a range such as `1s to 3s`"
    static let exampleFlowName = "`name: browse`"
    static let exampleSteps = "`steps: [{ name: home, path: / }]`"

    static let flowsEmpty = "is an empty list; add at least one flow, e.g. `- { name: browse, steps: [{ name: home, path: / }] }`"
    static let stepsEmpty = "is an empty list; a flow needs at least one step, e.g. `- { name: home, path: / }`"
    static let stepsAllThink = "has only think steps; add a request step, e.g. `- { name: home, path: / }`"
    static let thinkWithoutDuration = "has no duration; write e.g. `think: 1s` or `think: 1s to 3s`"

    static func thinkStepHasOtherKeys(_ keys: [String]) -> String {
        let others = keys.filter { $0 != "think" }.map { "`\($0)`" }.joined(separator: ", ")
        return "is a think step with \(others) beside `think`; a think step only waits: write `- think: 1s` on a line of its own"
    }

    static func thinkRangeReversed(low: String, high: String) -> String {
        "waits from \"\(low)\" to \"\(high)\", which is backwards; write the shorter time first, e.g. `\(high) to \(low)`"
    }

    static func duplicateFlowName(_ name: String, firstIndex: Int) -> String {
        "\"\(name)\" is already the name of flows[\(firstIndex)]; flow names are the rows of the Flows table and must be unique"
    }

    static func stepNameReused(_ name: String, firstAt keyPath: String) -> String {
        "\"\(name)\" is also the name of \(keyPath), a different request; one name is one row of statistics, so steps "
            + "with the same name must be the same request: make them equal or give this one another name"
    }

    static let requestsBesideFlows = "is given beside `flows:`; a profile runs either a request mix (`requests:`) or "
        + "user journeys (`flows:`): move these requests into a flow's `steps`, or remove `flows:`"

    static let exampleRequestsOrFlows = "`requests: [{ name: home, path: / }]` (a request mix), or `flows:` (user journeys)"

    static let thinkTimeWithFlows = "applies to the request mix, not to flows; put think steps in the flow instead, e.g. `- think: 1s`"

    static let cookiesWithoutFlows = "applies to flows only (each flow user keeps a cookie jar); the request mix sends no "
        + "cookies: remove `cookies:`, or use `flows:`"

    static func flowsNeedClosedStages(_ stageNumbers: [Int]) -> String {
        let list = stageNumbers.map { "stages[\($0 - 1)]" }.joined(separator: ", ")
        return "run closed stages only (virtual users, `users:`), but \(list) "
            + (stageNumbers.count == 1 ? "is an open stage" : "are open stages")
            + " (`rate:`); give those stages `users:` instead, or use `requests:` for an open-model run"
    }

    static func undefinedVariable(_ variable: String, flow: String, capturedAt: [String]) -> String {
        let start = "uses `{{ \(variable) }}`, which no earlier step of flow \"\(flow)\" (or its `on_start`) captures"
        guard !capturedAt.isEmpty else {
            return start + "; add `capture: { \(variable): ... }` to an earlier step, or fix the name"
        }
        return start + "; it is captured only by \(capturedAt.joined(separator: ", ")): move that step before this one"
    }
}
