import LoadRunnerModel
import LoadRunnerText

/// The **Thresholds**: the counts, then one row per threshold and stage (threshold as written, scope, observed
/// figure, result); on the console the counts and one line per failure. Nothing when the run had no thresholds.
enum ThresholdsSection {
    static func blocks(_ result: RunResult) -> [Block] {
        guard let outcomes = result.thresholds, !outcomes.isEmpty else { return [] }
        // The counts as on the console, with the failures in bold.
        let failed = "\(outcomes.failedCount) failed"
        let counts = outcomes.countsText
        var line: [Inline] = [.text("Judged on each stage window (warm-up excluded): ")]
        if let range = counts.range(of: failed) {
            line += [.text(String(counts[..<range.lowerBound])), .strong(failed), .text(String(counts[range.upperBound...]) + ".")]
        } else {
            line += [.text(counts + ".")]
        }
        return [.heading(2, "Thresholds"), .paragraph(line), .table(table(outcomes))]
    }

    static func table(_ outcomes: [ThresholdOutcome]) -> ReportTable {
        var table = ReportTable(columns: [.init("Threshold"), .init("Scope"), .init("Observed", .right), .init("Result")])
        for outcome in outcomes {
            let result: [Inline] = switch outcome.status {
            case .passed: [.text("passed")]
            case .failed: [.strong("FAILED")] + (outcome.abortOnFail ? [.text(" (abort_on_fail)")] : [])
            case .noData: [.text("no data")]
            }
            table.append(cells: [[.code(outcome.threshold)], [.text(outcome.scope)], [.text(outcome.observedText)], result])
        }
        return table
    }

    /// `thresholds: 3 passed, 1 failed`, then one `threshold failed:` line per failure (its summary line).
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        guard let outcomes = result.thresholds, !outcomes.isEmpty else { return [] }
        return [.paragraph("thresholds: \(outcomes.countsText)")] + outcomes.filter(\.failed).map { outcome in
            .paragraph("threshold failed: \(outcome.summary)" + (outcome.abortOnFail ? " (abort_on_fail)" : ""))
        }
    }
}
