import LoadRunnerModel

/// Turns two point estimates, a confidence interval and a budget into a verdict. Pure; shared by every kind of
/// compared value (a later `resources` section judges process CPU and memory the same way).
enum MetricJudge {
    /// True when `change` is larger in magnitude than every limit of `budget` that is given: the relative one
    /// (a fraction of `baseline`; any change exceeds it when the baseline is 0) and the absolute one (in the
    /// metric's unit). Without a budget, or a budget with no limit, any non-zero change exceeds it.
    static func exceeds(change: Double, baseline: Double, budget: Budget?) -> Bool {
        let magnitude = abs(change)
        guard magnitude > 0 else { return false }
        if let relative = budget?.relative, baseline != 0, magnitude / abs(baseline) <= relative { return false }
        if let absolute = budget?.absolute, magnitude <= absolute { return false }
        return true
    }

    /// `worse` when the change is bad, beyond the budget, and its interval lies wholly on the bad side of 0;
    /// `better` likewise on the good side; `notComparable` when a point estimate is missing; otherwise
    /// `noSignificantChange`. With `lowSampleCount` the interval is not asked for: the budget alone decides.
    static func verdict(
        baseline: Double?, candidate: Double?, interval: ConfidenceInterval?, lowSampleCount: Bool, budget: Budget?,
        higherIsBetter: Bool
    ) -> CompareVerdict {
        guard let baseline, let candidate else { return .notComparable }
        let change = candidate - baseline
        guard exceeds(change: change, baseline: baseline, budget: budget) else { return .noSignificantChange }
        if !lowSampleCount {
            guard let interval, interval.excludesZero(towards: change) else { return .noSignificantChange }
        }
        return (change > 0) == higherIsBetter ? .better : .worse
    }
}
