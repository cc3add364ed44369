/// What one stage's statistics window measured, as thresholds judge it: the per-request rows, their
/// aggregate and the window's length. Built from a finished `StageResult`, or mid-run from the window's
/// merged statistics when the window ends (no generator figures needed).
package struct StageWindow: Sendable, Equatable {
    /// 1-based stage number.
    package var stage: Int
    package var requests: [RequestStats]
    package var aggregated: RequestStats
    /// The window's length in seconds; 0 when the stage ended during its warm-up.
    package var windowSeconds: Double
    /// An open stage's target rate over the window (`StageResult.targetPerSecond`); nil for a closed stage.
    package var targetPerSecond: Double?

    package init(
        stage: Int, requests: [RequestStats], aggregated: RequestStats, windowSeconds: Double,
        targetPerSecond: Double? = nil
    ) {
        self.stage = stage
        self.requests = requests
        self.aggregated = aggregated
        self.windowSeconds = windowSeconds
        self.targetPerSecond = targetPerSecond
    }

    /// The window of a finished stage.
    package init(_ result: StageResult) {
        self.init(
            stage: result.number, requests: result.requests, aggregated: result.aggregated,
            windowSeconds: result.windowSeconds, targetPerSecond: result.targetPerSecond)
    }
}
