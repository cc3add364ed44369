import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// `compare.csv`: one row per stage, request name (then `Aggregated`) and metric, for spreadsheets and plots.
///
/// Values are in the metric's own unit (`unit`: `us`, `req/s`, or `share` for the 0...1 error rate):
/// microseconds with 1 decimal, req/s with 3, shares with 6. `change` is `candidate - baseline` in that unit,
/// `change_pct` the relative change in percent (2 decimals), `ci_low`/`ci_high` the confidence interval of the
/// change in that unit. Empty fields where a value is undefined (no request, a baseline of 0, no interval).
/// `users` is the baseline's. After each stage's request rows come its monitored-process rows (when both runs
/// have them): `name` is the process, `metric` one of `cpu_pct` (%), `rss_bytes` (bytes), `pss_bytes` (bytes,
/// when both runs measured PSS), `read_bytes_per_s` (bytes/s), values with 1 decimal, and `budget` empty (report-only).
/// A stage open in either run adds the rows `service.p95`, `lag.p99` (us), `missed` (req) and `achieved_rps` (req/s)
/// per name; when the runs' target rates differ, one row `target_rps` with the verdict `target_rate_differs`.
package enum CompareCSV {
    package static let header =
        "stage,users,name,metric,unit,baseline,candidate,change,change_pct,ci_low,ci_high,budget,verdict"

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ result: CompareResult, to output: inout some TextOutputStream) {
        output.write(header + "\n")
        for stage in result.stages {
            let flows = (result.flows ?? []).filter { $0.stage == stage.number }
            for comparison in stage.metrics + flows + (result.resources ?? []).filter({ $0.stage == stage.number }) {
                output.write(CSVRow.line(fields(comparison, users: stage.baselineUsers)) + "\n")
            }
            for mismatch in result.mismatches where mismatch.kind == .targetRateDiffers && mismatch.stage == stage.number {
                output.write(CSVRow.line(rateFields(mismatch, users: stage.baselineUsers)) + "\n")
            }
        }
    }

    /// The whole file as a string.
    package static func render(_ result: CompareResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The row of a target rate mismatch (open stages): metric `target_rps`, each run's mean target (empty for a
    /// closed stage), and the verdict `target_rate_differs` (not judged; the message is in compare.md).
    static func rateFields(_ mismatch: CompareMismatch, users: Int) -> [String] {
        let mean = { (rate: TargetRate?) in rate.map { ($0.startPerSecond + $0.endPerSecond) / 2 } }
        let (base, cand) = (mean(mismatch.baselineRate), mean(mismatch.candidateRate))
        let number = { (value: Double?) in value.map { ReportNumber.fixed($0, decimals: 3) } ?? "" }
        let change = base.flatMap { base in cand.map { $0 - base } }
        let percent = base.flatMap { base in change.flatMap { base != 0 ? ReportNumber.fixed($0 / base * 100, decimals: 2) : nil } }
        return [String(mismatch.stage), String(users), "", MetricMeasure.targetRPS.name, MetricUnit.perSecond.symbol,
                number(base), number(cand), number(change), percent ?? "", "", "", "", mismatch.kind.rawValue]
    }

    /// The fields of one row, in `header` order.
    package static func fields(_ comparison: MetricComparison, users: Int) -> [String] {
        if comparison.isMonitor { return monitorFields(comparison, users: users) }
        let metric = comparison.metric
        let number = { (value: Double?) in CompareFormat.csvNumber(value, metric) }
        return [
            String(comparison.stage),
            String(users),
            comparison.name,
            metric.compareName,
            metric.unit().symbol,
            number(comparison.baseline),
            number(comparison.candidate),
            number(comparison.change),
            comparison.relativeChange.map { ReportNumber.fixed($0 * 100, decimals: 2) } ?? "",
            number(comparison.interval?.low),
            number(comparison.interval?.high),
            comparison.budget?.text ?? "",
            comparison.verdict.rawValue,
        ]
    }

    /// The fields of one monitor row, in `header` order: values with 1 decimal, no budget.
    private static func monitorFields(_ resource: MetricComparison, users: Int) -> [String] {
        let number = { (value: Double?) in value.map { ReportNumber.fixed($0, decimals: 1) } ?? "" }
        return [
            String(resource.stage), String(users), resource.name, resource.metric.compareName,
            resource.metric.unit(commandUnit: resource.commandUnit ?? "").symbol,
            number(resource.baseline), number(resource.candidate), number(resource.change),
            resource.relativeChange.map { ReportNumber.fixed($0 * 100, decimals: 2) } ?? "",
            number(resource.interval?.low), number(resource.interval?.high), "", resource.verdict.rawValue,
        ]
    }
}
