import LoadRunnerModel

/// The values one virtual user has captured, by the run's variable index (`VariableNames`); nil until a response
/// of this user captured it. The user owns it beside its `RequestRenderer`: it renders with it
/// (`RequestRenderer.configure(_:requestIndex:random:variables:)`) and, after each `CurlLoop.perform`, takes what the
/// response captured (`take(from:)`).
struct UserVariables {
    /// No variables: open-model arrivals, and profiles that capture nothing.
    static let none = UserVariables(count: 0)

    private var values: [String?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// The value of variable `index`, or nil when this user has not captured it yet.
    subscript(index: Int) -> String? { index < values.count ? values[index] : nil }

    /// Stores what the transfer's last response captured (nothing when it failed, so older values stay).
    mutating func take(from transfer: CurlTransfer) {
        guard !transfer.captured.isEmpty else { return }
        for (index, value) in transfer.captured { values[index] = value }
        transfer.captured.removeAll(keepingCapacity: true)
    }
}

/// The run's captured variables, in order of first capture in the profile: a template's `{{ id }}` and a user's
/// `UserVariables` meet at the index here.
enum VariableNames {
    static func of(_ requests: [RequestSpec]) -> [String] {
        var names: [String] = []
        for request in requests {
            for capture in request.captures where !names.contains(capture.variable) { names.append(capture.variable) }
        }
        return names
    }
}
