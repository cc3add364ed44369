import LoadRunnerModel

extension ConsoleSummary {
    /// `thresholds: 3 passed, 1 failed`, then one `threshold failed:` line per failure (its summary line).
    /// Writes nothing when the run had no thresholds.
    static func writeThresholds(_ result: RunResult, to output: inout some TextOutputStream) {
        guard let outcomes = result.thresholds, !outcomes.isEmpty else { return }
        output.write("thresholds: \(outcomes.countsText)\n")
        for outcome in outcomes where outcome.failed {
            output.write("threshold failed: \(outcome.summary)" + (outcome.abortOnFail ? " (abort_on_fail)" : "") + "\n")
        }
    }
}
