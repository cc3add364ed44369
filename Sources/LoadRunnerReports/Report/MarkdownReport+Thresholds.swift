import LoadRunnerModel
import LoadRunnerText

extension MarkdownReport {
    /// The **Thresholds** section: the counts, then one row per threshold and stage (threshold as written,
    /// scope, observed figure, result). Writes nothing when the run had no thresholds, so such a report is
    /// unchanged.
    static func writeThresholds(_ result: RunResult, to output: inout some TextOutputStream) {
        guard let outcomes = result.thresholds, !outcomes.isEmpty else { return }
        output.write("\n## Thresholds\n\n")
        // The counts as on the console, with the failures in bold.
        let failed = "\(outcomes.failedCount) failed"
        let counts = outcomes.countsText.replacingOccurrences(of: failed, with: "**\(failed)**")
        output.write("Judged on each stage window (warm-up excluded): \(counts).\n\n")
        thresholdsTable(outcomes).writeMarkdown(to: &output)
    }

    static func thresholdsTable(_ outcomes: [ThresholdOutcome]) -> TextTable {
        var table = TextTable(columns: [.init("Threshold"), .init("Scope"), .init("Observed", .right), .init("Result")])
        for outcome in outcomes {
            let result = switch outcome.status {
            case .passed: "passed"
            case .failed: "**FAILED**" + (outcome.abortOnFail ? " (abort_on_fail)" : "")
            case .noData: "no data"
            }
            table.append([ReportText.inlineCode(outcome.threshold), outcome.scope, outcome.observedText, result])
        }
        return table
    }
}
