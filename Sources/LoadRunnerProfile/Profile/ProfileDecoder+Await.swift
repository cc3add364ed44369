import LoadRunnerModel
import LoadRunnerText

/// `await:` steps of a flow: a read polled until the previous step's write is visible.
extension ProfileDecoder {
    static let awaitKeys = ["request", "until", "every", "within", "by"]

    /// `await: { request: { name: ..., path: ... }, until: "status == 200", every: 5ms, within: 5s, by: "header:X" }`;
    /// the request joins the catalog like a request step (its statistics row counts every poll).
    mutating func awaitStep(_ value: YAMLValue, catalog: inout StepCatalog) -> AwaitStep? {
        guard let map = map(value, keys: Self.awaitKeys, expected: ProfileMessage.expectAwait) else { return nil }
        let until = required(map, "until", example: ProfileMessage.exampleUntil).flatMap { self.until($0) }
        let every = map["every"].map { positiveDuration($0) } ?? AwaitStep.defaultEvery
        let within = map["within"].map { positiveDuration($0) } ?? AwaitStep.defaultWithin
        let by = map["by"].flatMap { byValue in
            text(byValue, expected: ProfileMessage.expectAwaitBy).flatMap { text in
                responseSource(text, at: byValue).map { (source: $0, text: text) }
            }
        }
        let request = required(map, "request", example: ProfileMessage.exampleAwaitRequest).flatMap { requestValue in
            self.map(requestValue, keys: Self.requestKeys.filter { $0 != "weight" }, expected: ProfileMessage.expectAwaitRequest)
        }
        // Unknown keys were reported (and left out) by `map`; a request with one is not kept.
        let spec = request.flatMap { request in
            request.entries.count == request.value.node.mapping?.count ? self.request(request) : nil
        }
        if let every, let within, every > within {
            let place = map["every"] ?? map["within"] ?? value
            report(place, ProfileMessage.awaitEveryAboveWithin(every: map["every"]?.text ?? "5ms", within: map["within"]?.text ?? "5s"))
            return nil
        }
        guard let until, let every, let within, map["by"] == nil || by != nil,
              let request, var spec else { return nil }
        spec.probe = ProbeSpec(until: until, by: by?.source, byText: by?.text)
        guard let index = catalogIndex(of: spec, at: request.value, nameValue: request["name"], catalog: &catalog) else {
            return nil
        }
        return AwaitStep(request: index, every: every, within: within)
    }

    /// `until:` one assertion (`"status == 200"`) or a list of them, all of which must hold.
    private mutating func until(_ value: YAMLValue) -> [AssertionSpec]? {
        if case .sequence = value.node {
            guard let assertions = assertions(value) else { return nil }
            guard !assertions.isEmpty else {
                report(value, ProfileMessage.untilEmpty)
                return nil
            }
            return assertions
        }
        guard let text = text(value, expected: ProfileMessage.expectUntil) else { return nil }
        return assertion(text, at: value).map { [$0] }
    }

    /// Reports an `await:` written in the request mix, where there is no earlier step whose write it could wait for.
    mutating func reportAwaitOutsideFlows(_ item: YAMLValue) -> Bool {
        guard case .mapping(let mapping) = item.node else { return false }
        for (key, _) in mapping where key.string == "await" {
            report(item, ProfileMessage.awaitOutsideFlows)
            return true
        }
        return false
    }
}
