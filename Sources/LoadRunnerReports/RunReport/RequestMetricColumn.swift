import LoadRunnerModel
import LoadRunnerText

/// A column of request figures in the report's tables, read through the metric model
/// (`MetricValues.requestValue`) and written by the metric's unit; adding a request metric to the stages and
/// requests tables is one entry in `standard`.
struct RequestMetricColumn {
    var title: String
    var measure: MetricMeasure

    /// RPS (requests made per second: missed arrivals left out), p50, p95, p99, max (ms), the error percentage
    /// (missed arrivals in) and the body bytes received per second.
    static let standard = [
        RequestMetricColumn(title: "RPS", measure: .rps),
        RequestMetricColumn(title: "p50", measure: .percentile(50)),
        RequestMetricColumn(title: "p95", measure: .percentile(95)),
        RequestMetricColumn(title: "p99", measure: .percentile(99)),
        RequestMetricColumn(title: "Max", measure: .max),
        RequestMetricColumn(title: "Errors %", measure: .errorRate),
        RequestMetricColumn(title: "Received", measure: .receivedBytesPerSecond),
    ]

    /// What the request columns count in a run with open stages, under its stages table.
    static let missedNote = "Requests are the requests made: answered, failed, or unanswered when the run ended. "
        + "An open stage's missed arrivals were never sent: they are not requests (nor in RPS), they have their own "
        + "column, and they count as errors (Errors % = failed and missed over requests and missed)."

    /// The column's title, right-aligned.
    var column: TextTable.Column { .init(title, .right) }

    /// The cell for one window's statistics: latencies in ms with 3 decimals (`-` without requests), rates with
    /// 2 decimals, the error rate in %, byte rates in decimal units (`1.2 MB/s`) (rates of nothing are 0).
    func cell(_ stats: RequestStats, windowSeconds: Double) -> String {
        let unit = MetricID(.total, measure).unit()
        let value = MetricValues.requestValue(measure, stats: stats, windowSeconds: windowSeconds)
        switch unit {
        case .microseconds: return value.map { ReportNumber.millis(micros: UInt64($0)) } ?? "-"
        case .ratio: return ReportNumber.percent(value ?? 0)
        case .bytes: return ReportNumber.fixed((value ?? 0) / 1e6, decimals: 2)
        case .bytesPerSecond: return ReportNumber.bytes(value ?? 0) + "/s"
        default: return ReportNumber.fixed(value ?? 0, decimals: 2)
        }
    }

    /// The cells of every standard column.
    static func cells(_ stats: RequestStats, windowSeconds: Double) -> [String] {
        standard.map { $0.cell(stats, windowSeconds: windowSeconds) }
    }
}
