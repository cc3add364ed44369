import LoadRunnerModel
import LoadRunnerText

/// `locust_stats.csv`, with exactly the columns of Locust's `<prefix>_stats.csv`, so notebooks written for
/// Locust read it unchanged.
///
/// One row per (method, name), sorted by name then method, then the `Aggregated` row with an empty Type.
/// Unlike Locust's, which covers the whole run including ramp-up, the figures cover the stages' measured windows
/// merged (warm-ups excluded), and the percentiles are exact from HdrHistogram (top of the bucket, 3 significant
/// digits) rather than Locust's rounded response times: milliseconds with at most 2 decimals, trailing zeros
/// trimmed. Requests/s and Failures/s are over the summed window seconds. As Locust does, a row without requests
/// has `N/A` in the percentile columns and 0 elsewhere.
package enum LocustStatsCSV {
    package static let header =
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
        + "Max Response Time,Average Content Size,Requests/s,Failures/s,"
        + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"

    /// The percentiles of the `NN%` columns, in column order.
    package static let percentiles: [Double] = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100]

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        output.write(header + "\n")
        let seconds = result.measuredSeconds
        for stats in result.mergedRequests + [result.mergedAggregated] {
            output.write(CSVRow.line(fields(stats, overSeconds: seconds)) + "\n")
        }
    }

    /// The whole file as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The fields of one row, in `header` order; `seconds` is the time the counts were collected over.
    package static func fields(_ stats: RequestStats, overSeconds seconds: Double) -> [String] {
        let latency = stats.latency
        let millis = { (micros: UInt64) in ReportNumber.trimmedMillis(micros: Double(micros)) }
        return [
            stats.method,
            stats.name,
            String(stats.requests),
            String(stats.failures),
            millis(latency.micros(atPercentile: 50)),
            ReportNumber.trimmedMillis(micros: stats.meanMicros),
            millis(latency.minMicros),
            millis(latency.maxMicros),
            ReportNumber.trimmed(stats.meanBodyBytes),
            ReportNumber.trimmed(seconds > 0 ? Double(stats.requests) / seconds : 0),
            ReportNumber.trimmed(seconds > 0 ? Double(stats.failures) / seconds : 0),
        ]
            + percentiles.map { stats.requests == 0 ? "N/A" : millis(latency.micros(atPercentile: $0)) }
    }
}
