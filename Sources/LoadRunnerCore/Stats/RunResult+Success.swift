/// Whether a run measured a working service at all: a run where every request failed must not pass a CI job.
extension RunResult {
    /// True when some stage reached its statistics window, requests completed in the windows, and not one of
    /// them succeeded (the target is down, the port is wrong, every answer had an unexpected status).
    /// A run whose windows completed no request at all is not judged here.
    public var noRequestSucceeded: Bool {
        let totals = mergedAggregated
        return stages.contains { $0.windowSeconds > 0 } && totals.requests > 0 && totals.failures >= totals.requests
    }
}
