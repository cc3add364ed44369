/// One pass of a virtual user through a list of flow steps (its `on_start`, one iteration of `steps`, or its
/// `on_stop`): which step comes next, and whether the pass was cut short.
///
/// A request that fails with category `capture` ends the pass, since later steps need the value it did not
/// give: the pass is then `skipped`. Any other failure (a status, a timeout, an assertion) goes on to the next step.
package struct FlowPass: Sendable, Equatable {
    private let steps: [FlowStep]
    /// The index of the next step.
    private var position = 0
    /// True once a step's capture failed: no step of this pass runs any more.
    package private(set) var skipped = false

    package init(steps: [FlowStep]) { self.steps = steps }

    /// The next step to run; nil when the pass is over (every step ran, or it was skipped).
    package mutating func next() -> FlowStep? {
        guard !skipped, position < steps.count else { return nil }
        defer { position += 1 }
        return steps[position]
    }

    /// Takes the outcome of the request step just run: a `capture` failure skips the rest of the pass.
    package mutating func requestEnded(failure: FailureCategory?) {
        if failure == .capture { skipped = true }
    }
}
