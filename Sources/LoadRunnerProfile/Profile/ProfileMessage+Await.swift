import LoadRunnerModel

/// Messages about `await:` steps (visibility probes).
extension ProfileMessage {
    static let expectAwait = "a map such as `{ request: { name: item/get, path: \"/items/{{ id }}\" }, until: \"status == 200\", "
        + "every: 5ms, within: 5s }`"
    static let expectAwaitRequest = "the read to poll, a request map such as `{ name: item/get, path: \"/items/{{ id }}\" }`"
    static let exampleAwaitRequest = "`request: { name: item/get, path: \"/items/{{ id }}\" }` (the read that polls for the write)"
    static let expectUntil = "an assertion such as `status == 200`, or a list of them"
    static let exampleUntil = "`until: \"status == 200\"` (an assertion that holds once the write is visible)"
    static let expectAwaitBy = "where the response names the node that answered, e.g. `header:X-Served-By`"
    static let untilEmpty = "is an empty list; give the assertion that holds once the write is visible, e.g. `- status == 200`"

    static func awaitEveryAboveWithin(every: String, within: String) -> String {
        "polls every \(every), which is longer than `within: \(within)`: no second poll could run before the probe gives "
            + "up; make `every` shorter than `within`"
    }

    static func awaitStepHasOtherKeys(_ keys: [String]) -> String {
        let others = keys.filter { $0 != "await" }.map { "`\($0)`" }.joined(separator: ", ")
        return "is an await step with \(others) beside `await`; put the read in `await: { request: {...}, until: ... }` "
            + "on a step of its own, after the write"
    }

    static let awaitOutsideFlows = "is an `await:` step in the request mix, where no earlier step wrote anything to wait "
        + "for; put it in a flow's `steps`, after the write, e.g. `flows: [{ name: write, steps: [{ name: create, ... }, "
        + "{ await: { request: {...}, until: \"status == 200\" } }] }]`"
}
