import LoadRunnerModel
import LoadRunnerText

/// `locust_stats.csv`, with exactly the columns of Locust's `<prefix>_stats.csv`, so notebooks written for
/// Locust read it unchanged.
///
/// One row per (method, name), sorted by name then method, then the `Aggregated` row with an empty Type. Like
/// Locust's, the figures cover the whole run, warm-ups included (`LocustEntry`), so the failures file and the last
/// history row count the same requests. Unlike Locust's, times are exact: milliseconds from whole microseconds,
/// written as Python writes a float (`163.825`, `20.0`), percentiles from HdrHistogram (the top of the bucket, 3
/// significant digits, kept within min and max) rather than from times rounded to 2 significant digits, min and
/// max as measured. Requests/s
/// and Failures/s are over the series' seconds, at full precision. As Locust does, a row without requests has
/// `N/A` in the percentile columns and zeros elsewhere. Lines end in CRLF, as Python's `csv` module writes them.
package enum LocustStatsCSV {
    package static let header =
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
        + "Max Response Time,Average Content Size,Requests/s,Failures/s,"
        + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"

    /// The percentiles of the `NN%` columns, in column order.
    package static let percentiles: [Double] = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100]

    /// Writes the header and every row, each line ending with CRLF.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        output.write(header + LocustCSV.lineEnd)
        let seconds = LocustEntry.seconds(of: result)
        for entry in LocustEntry.entries(of: result) {
            output.write(CSVRow.line(fields(entry, overSeconds: seconds)) + LocustCSV.lineEnd)
        }
    }

    /// The whole file as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The fields of one row, in `header` order; `seconds` is the time the counts were collected over.
    package static func fields(_ entry: LocustEntry, overSeconds seconds: Double) -> [String] {
        let totals = entry.totals
        let percentile = { (value: Double) in LocustCSV.time(entry.latency.micros(atPercentile: value), within: totals) }
        let rate = { (count: UInt64) in ReportNumber.pythonFloat(seconds > 0 ? Double(count) / seconds : 0) }
        return [
            entry.method,
            entry.name,
            String(totals.requests),
            String(totals.failures),
            percentile(50),
        ]
            + LocustCSV.timeTotals(totals)
            + [
                LocustCSV.meanBodyBytes(totals),
                rate(totals.requests),
                rate(totals.failures),
            ]
            + percentiles.map { totals.requests == 0 ? "N/A" : percentile($0) }
    }
}
