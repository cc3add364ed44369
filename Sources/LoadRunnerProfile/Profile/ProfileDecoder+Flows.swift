import LoadRunnerModel
import LoadRunnerText

/// The `flows:` section: user journeys of request and think steps, run instead of the request mix.
extension ProfileDecoder {
    static let flowKeys = ["name", "weight", "on_start", "steps", "on_stop", "cookies"]
    /// A request step's keys: a `requests:` entry's (whatever keys it gains), without `weight`, plus `think`, so a
    /// mistyped `think` gets a did-you-mean.
    static var stepKeys: [String] { requestKeys.filter { $0 != "weight" } + ["think", "await"] }

    /// The request steps read so far: one request per name (the statistics rows), and where each was first written.
    struct StepCatalog {
        var requests: [RequestSpec] = []
        var firstKeyPath: [String: (index: Int, keyPath: String)] = [:]
    }

    /// Reads every flow; returns them with the requests their steps send (one per name, in the order first written).
    /// `cookies` is the profile's `cookies:` (on unless turned off), which a flow's own `cookies:` overrides.
    mutating func flows(_ value: YAMLValue, cookies: Bool) -> (flows: [FlowSpec], requests: [RequestSpec]) {
        guard let items = list(value, expected: ProfileMessage.expectFlows) else { return ([], []) }
        guard !items.isEmpty else {
            report(value, ProfileMessage.flowsEmpty)
            return ([], [])
        }
        var catalog = StepCatalog()
        var flows: [FlowSpec] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let map = map(item, keys: Self.flowKeys, expected: ProfileMessage.expectFlow) else { continue }
            let nameValue = required(map, "name", example: ProfileMessage.exampleFlowName)
            let name = nameValue.flatMap { text($0, expected: ProfileMessage.expectFlowName) }
            if let name, let nameValue {
                if let first = firstIndexByName[name] {
                    report(nameValue, ProfileMessage.duplicateFlowName(name, firstIndex: first))
                } else {
                    firstIndexByName[name] = index
                }
            }
            let weight = map["weight"].map { self.weight($0) } ?? 1
            let flowCookies = map["cookies"].map { bool($0) } ?? cookies
            var places: [FlowVariables.StepPlace: YAMLValue] = [:]
            let onStart = map["on_start"].map { self.steps($0, phase: .onStart, catalog: &catalog, places: &places) } ?? []
            let steps = required(map, "steps", example: ProfileMessage.exampleSteps)
                .map { self.steps($0, phase: .steps, catalog: &catalog, places: &places) }
            let onStop = map["on_stop"].map { self.steps($0, phase: .onStop, catalog: &catalog, places: &places) } ?? []
            guard let name, let weight, let flowCookies, let onStart, let steps = steps ?? nil, let onStop else { continue }
            let flow = FlowSpec(name: name, weight: weight, onStart: onStart, steps: steps, onStop: onStop, cookies: flowCookies)
            checkVariables(flow, requests: catalog.requests, places: places)
            flows.append(flow)
        }
        let weightSum = flows.map(\.weight).reduce(0, +)
        if weightSum > ProfileLimits.maxWeightSum { report(value, ProfileMessage.weightSumTooLarge(weightSum)) }
        return (flows, catalog.requests)
    }

    /// One step list (`on_start`, `steps` or `on_stop`); nil when any step is wrong. `steps` may not be empty nor
    /// hold only think steps.
    private mutating func steps(
        _ value: YAMLValue, phase: FlowVariables.StepPlace.Phase, catalog: inout StepCatalog,
        places: inout [FlowVariables.StepPlace: YAMLValue]
    ) -> [FlowStep]? {
        if phase != .steps && value.kind == .empty { return [] }
        guard let items = list(value, expected: ProfileMessage.expectSteps) else { return nil }
        if phase == .steps && items.isEmpty {
            report(value, ProfileMessage.stepsEmpty)
            return nil
        }
        var steps: [FlowStep] = []
        var valid = true
        for (index, item) in items.enumerated() {
            places[FlowVariables.StepPlace(phase, index)] = item
            guard let step = self.step(item, catalog: &catalog) else {
                valid = false
                continue
            }
            steps.append(step)
        }
        if valid && phase == .steps && !steps.contains(where: { $0.requestIndex != nil }) {
            report(value, ProfileMessage.stepsAllThink)
            return nil
        }
        return valid ? steps : nil
    }

    /// A request step (decoded as a `requests:` entry) or a think step (`think: 1s`, `think: 1s to 3s`).
    private mutating func step(_ value: YAMLValue, catalog: inout StepCatalog) -> FlowStep? {
        guard let map = map(value, keys: Self.stepKeys, expected: ProfileMessage.expectStep) else { return nil }
        if let think = map["think"] {
            guard map.entries.count == 1 else {
                report(value, ProfileMessage.thinkStepHasOtherKeys(map.entries.map(\.key)))
                return nil
            }
            return thinkStep(think).map { .think($0) }
        }
        if let probe = map["await"] {
            guard map.entries.count == 1 else {
                report(value, ProfileMessage.awaitStepHasOtherKeys(map.entries.map(\.key)))
                return nil
            }
            return awaitStep(probe, catalog: &catalog).map { .await($0) }
        }
        // Unknown keys were reported (and left out) by `map`; a request with one is not kept either.
        guard map.entries.count == map.value.node.mapping?.count, let spec = request(map) else { return nil }
        return catalogIndex(of: spec, at: value, nameValue: map["name"], catalog: &catalog).map { .request($0) }
    }

    /// The index of `spec` in the catalog, added when its name is new; nil (reported) when another request has its name.
    mutating func catalogIndex(of spec: RequestSpec, at value: YAMLValue, nameValue: YAMLValue?, catalog: inout StepCatalog) -> Int? {
        if let first = catalog.firstKeyPath[spec.name] {
            guard catalog.requests[first.index] == spec else {
                report(nameValue ?? value, ProfileMessage.stepNameReused(spec.name, firstAt: first.keyPath))
                return nil
            }
            return first.index
        }
        catalog.firstKeyPath[spec.name] = (catalog.requests.count, value.keyPath)
        catalog.requests.append(spec)
        return catalog.requests.count - 1
    }

    /// `1s` (a constant wait) or `1s to 3s` (uniformly random in the range); zero waits nothing.
    private mutating func thinkStep(_ value: YAMLValue) -> ThinkTime? {
        guard value.kind != .empty else {
            report(value, ProfileMessage.thinkWithoutDuration)
            return nil
        }
        guard let text = text(value, expected: ProfileMessage.expectThink) else { return nil }
        let bounds = text.components(separatedBy: " to ").map { $0.trimmingWhitespace() }
        guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else {
            report(value, ProfileMessage.notADuration(text) )
            return nil
        }
        let durations = bounds.map { bound in
            checkedDuration(bound, at: value, max: ProfileLimits.maxDuration) {
                DurationParser.isBareNumber(bound) ? ProfileMessage.durationWithoutUnit(bound) : ProfileMessage.notADuration(bound)
            }
        }
        guard let low = durations[0], let high = durations.last ?? nil else { return nil }
        guard low <= high else {
            report(value, ProfileMessage.thinkRangeReversed(low: bounds[0], high: bounds[1]))
            return nil
        }
        if low == high { return low == .zero ? ThinkTime.none : .constant(low) }
        return .between(low, high)
    }

    /// Reports each variable a step uses before an earlier step of its flow captures it, at that step's line.
    private mutating func checkVariables(
        _ flow: FlowSpec, requests: [RequestSpec], places: [FlowVariables.StepPlace: YAMLValue]
    ) {
        for undefined in FlowVariables.undefined(in: flow, requests: requests) {
            guard let value = places[undefined.place] else { continue }
            let capturedAt = undefined.capturedAt.compactMap { places[$0]?.keyPath }
            report(value, ProfileMessage.undefinedVariable(undefined.variable, flow: flow.name, capturedAt: capturedAt))
        }
    }
}
