/// Whether a run measured a working service at all: a run where every request failed must not pass a CI job.
extension RunResult {
    /// True when some stage reached its statistics window, requests were sent (completed in the windows, or
    /// still in flight when a stage ended), and not one completed successfully: the target is down, the port is
    /// wrong, every answer had an unexpected status, or every request hung.
    package var noRequestSucceeded: Bool {
        let totals = mergedAggregated
        let sent = totals.requests > 0 || stages.contains { $0.inFlightCount > 0 }
        return stages.contains { $0.windowSeconds > 0 } && sent && totals.failures >= totals.requests
    }

    /// Requests still in flight at the end of the last stage that had any (they hung past it); 0 when none.
    package var requestsInFlightAtLastEnd: Int { stages.last { $0.inFlightCount > 0 }?.inFlightCount ?? 0 }
}
