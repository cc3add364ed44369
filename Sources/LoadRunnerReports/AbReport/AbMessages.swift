import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// Every sentence of the `ab` outputs (`ab.md`, the console summary), in one place.
enum AbMessages {
    static func title(_ run: AbRunInfo) -> String { "LoadRunner ab: \(run.profileName)" }

    static func runLines(_ run: AbRunInfo, _ comparison: PairedComparison) -> [[Inline]] {
        [
            [.strong("Baseline (A)"), .text(" "), .code(run.baselineTarget), .text(", "),
             .strong("candidate (B)"), .text(" "), .code(run.candidateTarget)],
            [.text("\(comparison.pairs) of \(run.roundsPlanned) pairs in the order A B, B A, A B, ... (every four rounds "
                + "A B B A), every round with seed "), .code(String(run.seed))]
                + (run.interrupted ? [.text(", "), .strong("interrupted")] : []),
        ]
    }

    static func verdictLine(_ comparison: PairedComparison) -> [Inline] {
        if comparison.tooFewRounds {
            return [.strong("NOT JUDGED"), .text(
                ": too few rounds to judge (\(comparison.pairs) pairs; at least \(comparison.minimumPairs) are needed to "
                    + "show a change at \(CompareFormat.level(comparison.confidence))).")]
        }
        let worse = comparison.regressions.count
        let better = comparison.improvements.count
        let improved = better == 0 ? "" : "; \(count(better, "budgeted metric")) got better"
        if comparison.failed {
            return [.strong("FAILED"), .text(
                ": \(count(worse, "budgeted metric")) of B got worse than A beyond \(worse == 1 ? "its" : "their") budget"
                    + improved + ".")]
        }
        return [.strong("PASSED"), .text(": no budgeted metric of B got worse than A beyond its budget" + improved + ".")]
    }

    static func stageHeading(_ stage: Int) -> String { "Stage \(stage)" }
    static let roundsHeading = "Rounds"

    static func pairColumn(_ pair: Int, first: CompareSide?) -> String {
        "\(pair + 1)" + (first.map { $0 == .baseline ? " (AB)" : " (BA)" } ?? "")
    }

    static func verdictCell(_ metric: PairedMetric) -> [Inline] {
        guard metric.judged || metric.verdict == .notComparable else { return [.text("too few rounds to judge")] }
        switch metric.verdict {
        case .worse: return metric.budget == nil ? [.text("worse (no budget)")] : [.strong("worse")]
        case .better: return metric.budget == nil ? [.text("better (no budget)")] : [.strong("better")]
        case .noSignificantChange: return [.text("no significant change")]
        case .notComparable: return [.text("not comparable (a round has no value)")]
        // `compare`'s verdict for a window under 20 s; a paired comparison is judged on rounds, never on that.
        case .tooShort: return [.text("too few rounds to judge")]
        }
    }

    static let methodHeading = "Method"

    static func methodParagraph(_ comparison: PairedComparison) -> [Inline] {
        let critical = comparison.criticalValue.map { ReportNumber.fixed($0, decimals: 3) } ?? "none"
        return [.text(
            "Each pair ran A and B with the same profile and seed, one right after the other, alternating which went "
                + "first, so that a drift of the machine cancels in the differences B - A. The change is the mean of "
                + "the paired differences (the median is shown beside it); it counts when it exceeds its budget and its "
                + "interval lies wholly on the bad side of 0. The intervals come from a sign-flip permutation test of "
                + "the studentized mean difference over all \(comparison.budgetedMetrics) budgeted metrics at once "
                + "(family-wise \(CompareFormat.level(comparison.confidence)), critical value \(critical)); see "),
            .code(CompareMessages.methodDocument), .text("."),
        ]
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
