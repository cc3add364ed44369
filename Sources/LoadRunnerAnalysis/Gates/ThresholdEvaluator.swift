import LoadRunnerModel

/// Judges thresholds on stage windows; pure (no clock, no I/O).
///
/// Each threshold is judged on every stage it applies to (`stage N:` narrows it to one), over the stage's
/// Aggregated row or, with a request name, that request's row. The figures are the ones the reports show
/// (percentiles are the top of their HdrHistogram bucket, `avg` is the exact mean).
///
/// No data: a window with no requests has no latency and no error rate, so such thresholds are `noData`
/// (neither passed nor failed, as in k6). Counts and rates are still defined there: `requests`, `failures`
/// and `rps` are 0, so `requests > 100` and `rps > 50` fail on an empty window while `failures < 10` passes.
/// A window of no length (the stage ended during its warm-up) and a stage that never ran give `noData` for
/// every metric. Measures of open stages that a closed stage does not measure (`service.*`, `lag.*` without
/// `pacing`, `target_rps`) are `noData` there too, saying "not measured in this stage": one rule for every
/// absent value, never a silent pass. (In an open stage whose every arrival was missed they are `noData` too: "no
/// request of the window was sent".)
package enum ThresholdEvaluator {
    /// Outcomes for every threshold, in threshold order, then stage order.
    ///
    /// A threshold whose stage is not in `result` (the run stopped first) gets one `noData` outcome for it;
    /// an unscoped threshold in a run without stages gets one for stage 1, so every threshold shows.
    package static func evaluate(_ specs: [ThresholdSpec], on result: RunResult) -> [ThresholdOutcome] {
        specs.flatMap { spec -> [ThresholdOutcome] in
            let stages = result.stages.filter { spec.applies(toStage: $0.number) }
            if spec.isSeries, !stages.isEmpty {
                let values = MetricValues(result: result)
                return stages.map { stage in
                    guard stage.windowSeconds > 0 else { return make(spec, stage: stage.number, observed: nil, missing: .noWindow) }
                    let observed = values.value(spec.metric, in: .stage(stage.number))
                    return make(spec, stage: stage.number, observed: observed, missing: .noValue)
                }
            }
            guard stages.isEmpty else { return stages.map { outcome(spec, window: StageWindow($0)) } }
            return [notRun(spec, stage: spec.stage ?? 1)]
        }
    }

    /// Outcomes for the thresholds that apply to `stage`, in threshold order; used at the end of each stage
    /// window to decide whether an `abort_on_fail` threshold stops the run (`[ThresholdOutcome].abortsRun`).
    /// Series thresholds (`ThresholdSpec.isSeries`) need the whole result and are left out here.
    package static func evaluate(_ specs: [ThresholdSpec], stage: StageResult) -> [ThresholdOutcome] {
        evaluate(specs, window: StageWindow(stage))
    }

    /// Outcomes for the thresholds that apply to the stage of `window`, in threshold order: the mid-run entry
    /// point, judged on the window's merged statistics as the window ends. Series thresholds
    /// (`ThresholdSpec.isSeries`) need the whole result and are left out here.
    package static func evaluate(_ specs: [ThresholdSpec], window: StageWindow) -> [ThresholdOutcome] {
        specs.filter { !$0.isSeries && $0.applies(toStage: window.stage) }.map { outcome($0, window: window) }
    }

    /// Why there is no data; appended to the summary line.
    private enum Missing: String {
        case noRequests = "no requests in the window"
        case noWindow = "the stage ended during its warm-up"
        case notRun = "the stage did not run"
        case noValue = "no value in the window"
        case notMeasured = "not measured in this stage"
        case noneSent = "no request of the window was sent"
    }

    private static func outcome(_ spec: ThresholdSpec, window: StageWindow) -> ThresholdOutcome {
        guard window.windowSeconds > 0 else { return make(spec, stage: window.stage, observed: nil, missing: .noWindow) }
        let stats = spec.requestName.map { rows(named: $0, in: window) } ?? window.aggregated
        let measure = spec.metric.measure
        let observed = MetricValues.requestValue(
            measure, stats: stats, windowSeconds: window.windowSeconds,
            targetPerSecond: spec.requestName == nil ? window.targetPerSecond : nil)
        let missing: Missing = if window.targetPerSecond != nil, measure.isOtherHistogram, stats.requests > 0 {
            .noneSent
        } else if measure.needsSchedule, stats.requests > 0 || measure == .targetRPS {
            .notMeasured
        } else {
            .noRequests
        }
        return make(spec, stage: window.stage, observed: observed, missing: missing)
    }

    private static func notRun(_ spec: ThresholdSpec, stage: Int) -> ThresholdOutcome {
        make(spec, stage: stage, observed: nil, missing: .notRun)
    }

    /// Every row of the stage with this request name, merged (one per name in practice: names are unique).
    private static func rows(named name: String, in window: StageWindow) -> RequestStats {
        var merged = RequestStats(name: name, method: "")
        for row in window.requests where row.name == name { merged.add(row) }
        return merged
    }

    private static func make(_ spec: ThresholdSpec, stage: Int, observed: Double?, missing: Missing) -> ThresholdOutcome {
        let status: ThresholdOutcome.Status = observed.map { spec.op.holds($0, spec.value) ? .passed : .failed } ?? .noData
        let unit = spec.unit
        let scope = spec.requestName.map { "stage \(stage), \($0)" } ?? "stage \(stage)"
        let limit = "\(spec.op.rawValue) \(ThresholdOutcome.format(spec.value, unit: unit))"
        let summary: String
        switch (observed, status) {
        case (let value?, .passed):
            summary = "\(scope): \(spec.metricName) = \(ThresholdOutcome.format(value, unit: unit)) \(limit)"
        case (let value?, _):
            summary = "\(scope): \(spec.metricName) = \(ThresholdOutcome.format(value, unit: unit)), not \(limit)"
        case (nil, _):
            summary = "\(scope): \(spec.metricName) \(limit): no data (\(missing.rawValue))"
        }
        return ThresholdOutcome(
            threshold: spec.text, stage: stage, request: spec.requestName, metric: spec.metricName,
            operator: spec.op.rawValue, limit: spec.value, observed: observed, unit: unit, status: status,
            abortOnFail: spec.abortOnFail, summary: summary)
    }
}
