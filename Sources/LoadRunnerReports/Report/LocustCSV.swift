import LoadRunnerModel
import LoadRunnerText

/// What the three Locust-format files share: Python's line ending and how Locust writes its total columns.
package enum LocustCSV {
    /// Python's `csv` module ends every line with CRLF.
    package static let lineEnd = "\r\n"

    /// Average, Min and Max Response Time of `totals`, as Locust writes them when nothing was timed yet (`0.0`,
    /// `0`, `0`) and otherwise exact (the mean to the microsecond).
    static func timeTotals(_ totals: RunningTotals) -> [String] {
        guard totals.maxMicros > 0 else { return ["0.0", "0", "0"] }
        return [
            ReportNumber.pythonMillis(meanMicros: totals.meanMicros),
            ReportNumber.pythonMillis(micros: totals.minMicros),
            ReportNumber.pythonMillis(micros: totals.maxMicros),
        ]
    }

    /// A latency percentile or median in milliseconds, kept within the exact min and max (a percentile is the top
    /// of its bucket, up to 0.1% above the sample; Locust likewise keeps its median within min and max); `0` when
    /// nothing was timed, as Locust writes it.
    static func time(_ micros: UInt64, within totals: RunningTotals) -> String {
        guard totals.maxMicros > 0 else { return "0" }
        return ReportNumber.pythonMillis(micros: min(max(micros, totals.minMicros), totals.maxMicros))
    }

    /// Average Content Size: body bytes per request as a Python float, `0` without requests (as Locust).
    static func meanBodyBytes(_ totals: RunningTotals) -> String {
        totals.requests == 0 ? "0" : ReportNumber.pythonFloat(Double(totals.bodyBytes) / Double(totals.requests))
    }
}
