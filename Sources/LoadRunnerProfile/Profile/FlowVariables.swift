import LoadRunnerModel

/// Finds the captured variables a flow's steps use before any earlier step captures them: a pure check over the
/// flow and the requests its steps send, so it is tested with specs built directly.
///
/// A request step may use a variable captured by an earlier step of the same pass, by the flow's `on_start`, and,
/// in `on_stop`, by any step of `steps` too (their values from the last iteration). A variable a step both uses
/// and captures must be captured earlier.
package enum FlowVariables {
    /// Where a step sits in its flow.
    package struct StepPlace: Sendable, Hashable {
        package enum Phase: String, Sendable, Hashable {
            case onStart = "on_start"
            case steps
            case onStop = "on_stop"
        }

        package var phase: Phase
        package var index: Int

        package init(_ phase: Phase, _ index: Int) {
            self.phase = phase
            self.index = index
        }
    }

    /// A variable used at `place` that no earlier step captures; `capturedAt` lists the steps that capture it
    /// elsewhere in the flow (later, or in `on_stop`), empty when none does.
    package struct Undefined: Sendable, Equatable {
        package var variable: String
        package var place: StepPlace
        package var capturedAt: [StepPlace]

        package init(variable: String, place: StepPlace, capturedAt: [StepPlace]) {
            self.variable = variable
            self.place = place
            self.capturedAt = capturedAt
        }
    }

    /// Every use of a variable in `flow` that no earlier step captures, in step order.
    package static func undefined(in flow: FlowSpec, requests: [RequestSpec]) -> [Undefined] {
        let phases: [(StepPlace.Phase, [FlowStep])] = [(.onStart, flow.onStart), (.steps, flow.steps), (.onStop, flow.onStop)]
        var capturers: [String: [StepPlace]] = [:]
        for (phase, steps) in phases {
            for (index, step) in steps.enumerated() {
                guard let request = step.requestIndex else { continue }
                for capture in requests[request].captures { capturers[capture.variable, default: []].append(StepPlace(phase, index)) }
            }
        }
        var found: [Undefined] = []
        var known: Set<String> = []
        for (phase, steps) in phases {
            // `steps` starts from what `on_start` captured; `on_stop` sees everything captured before it.
            for (index, step) in steps.enumerated() {
                guard let request = step.requestIndex else { continue }
                for variable in usedVariables(requests[request]) where !known.contains(variable) {
                    found.append(Undefined(variable: variable, place: StepPlace(phase, index), capturedAt: capturers[variable] ?? []))
                }
                known.formUnion(requests[request].captures.map(\.variable))
            }
        }
        return found
    }

    /// The variables a request's templates use (path, query, headers, body), each once, in that order.
    package static func usedVariables(_ request: RequestSpec) -> [String] {
        var templates = [request.path] + request.query.map(\.value) + request.headers.map(\.value)
        if let body = request.body { templates.append(body) }
        var names: [String] = []
        for name in templates.flatMap(\.variableNames) where !names.contains(name) { names.append(name) }
        return names
    }
}
