import LoadRunnerModel

/// The exit status of a complete result, as `run` and `merge` decide it: interrupted, then a required action that
/// failed, a failed check, no successful request (without thresholds to decide), a failed threshold, else success.
enum RunVerdict {
    /// The status of `result`, with the reason printed to standard error when it is not success.
    static func status(of result: RunResult, console: Console) -> ExitStatus {
        if result.interrupted { return .interrupted }
        if let failed = result.actions?.filter(\.failsRun), !failed.isEmpty {
            console.report(CLIMessages.requiredActionsFailed(failed))
            return .requiredActionFailed
        }
        if let failed = result.checks?.filter({ !$0.passed }), !failed.isEmpty {
            console.report(CLIMessages.checksFailed(failed.count, of: result.checks?.count ?? 0))
            return .checksFailed
        }
        if result.noRequestSucceeded && (result.thresholds ?? []).isEmpty {
            console.report(CLIMessages.noRequestSucceeded(result.mergedAggregated, inFlight: result.requestsInFlightAtLastEnd))
            return .noSuccessfulRequest
        }
        if result.thresholdsFailed {
            console.report(CLIMessages.thresholdsFailed(result.thresholds?.failedCount ?? 0))
            return .thresholdsFailed
        }
        return .success
    }
}
