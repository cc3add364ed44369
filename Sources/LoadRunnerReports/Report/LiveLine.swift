import LoadRunnerModel
import LoadRunnerText

/// The one-line progress display during a run, e.g.
/// `00:42  stage 2/4  users 10  rps 1234.0  p50 1.23 ms  p95 4.56 ms  errors 0`; an open stage shows its target
/// rate instead of users (`rate 200/s`), since it has none.
///
/// Plain text with no ANSI codes (the caller adds redraw codes on a terminal). rps (requests made), p50, p95 and
/// errors are the last completed second's; `-` before the first second, and for the percentiles of a second with no
/// request.
package enum LiveLine {
    /// `elapsedSeconds` since the run started; `stage` is 1-based; `rate` is an open stage's target rate as the
    /// profile writes it (nil for a closed stage); `sample` is the last completed second, if any.
    package static func format(
        elapsedSeconds: Int, stage: Int, stageCount: Int, users: Int, rate: String? = nil, sample: SecondSample?
    ) -> String {
        var parts = [
            ReportText.clock(seconds: elapsedSeconds), "stage \(stage)/\(stageCount)",
            rate.map { "rate \($0)" } ?? "users \(users)",
        ]
        guard let second = sample?.aggregated else {
            return (parts + ["rps -", "p50 -", "p95 -", "errors -"]).joined(separator: "  ")
        }
        let millis = { (percentile: Double) -> String in
            guard second.requests > 0, let micros = second.micros(atPercentile: percentile) else { return "-" }
            return ReportNumber.millis(micros: micros, decimals: 2) + " ms"
        }
        parts += [
            // Requests made: an open stage's missed arrivals were never sent (they stay among the errors).
            "rps \(ReportNumber.fixed(Double(second.requests - min(second.missed, second.requests)), decimals: 1))",
            "p50 \(millis(50))",
            "p95 \(millis(95))",
            "errors \(second.failures)",
        ]
        return parts.joined(separator: "  ")
    }
}
