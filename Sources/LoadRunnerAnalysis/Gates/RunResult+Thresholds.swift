import LoadRunnerModel

extension RunResult {
    /// Judges `specs` on every stage window and stores the outcomes in `thresholds` (nil when `specs` is empty,
    /// so a run without thresholds writes the same `result.json` as before thresholds existed).
    package mutating func evaluateThresholds(_ specs: [ThresholdSpec]) {
        thresholds = specs.isEmpty ? nil : ThresholdEvaluator.evaluate(specs, on: self)
    }
}
