import LoadRunnerModel
import LoadRunnerText

/// `locust_stats_history.csv`, with exactly the columns of Locust's `<prefix>_stats_history.csv`.
///
/// Built one second at a time while the run goes (the engine appends and flushes `rows(for:)` every second), so
/// it never needs the whole run. Per second: a row per request name that has had any request so far (sorted by
/// name then method), then an `Aggregated` row with an empty Type. Requests/s and Failures/s are that second's
/// counts; the percentile columns are that second's exact percentiles (Locust's are a ~10 s sliding window of
/// rounded values), `N/A` when the second had no request; the `Total ...` columns are running totals since the
/// run started (warm-ups included), 0 before the first request. Milliseconds with at most 2 decimals.
package enum LocustHistoryCSV {
    package static let header =
        "Timestamp,User Count,Type,Name,Requests/s,Failures/s,"
        + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,"
        + "Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,"
        + "Total Min Response Time,Total Max Response Time,Total Average Content Size"

    /// The lines (without line endings) for one second.
    package static func rows(for sample: SecondSample) -> [String] {
        let named = sample.requests
            .filter { $0.total.requests > 0 }
            .sorted { ($0.name, $0.method) < ($1.name, $1.method) }
        var aggregated = sample.aggregated
        // The aggregate has no method, whatever the sample says; Locust leaves its Type empty.
        aggregated.method = ""
        aggregated.name = RequestStats.aggregatedName
        return (named + [aggregated]).map { CSVRow.line(fields($0, of: sample)) }
    }

    /// The header and the rows of every sample, each line ending with `\n` (for rebuilding the file afterwards).
    package static func write(_ samples: some Sequence<SecondSample>, to output: inout some TextOutputStream) {
        output.write(header + "\n")
        for sample in samples {
            for row in rows(for: sample) { output.write(row + "\n") }
        }
    }

    /// The fields of one row, in `header` order.
    package static func fields(_ stats: IntervalStats, of sample: SecondSample) -> [String] {
        let millis = { (micros: Double) in ReportNumber.trimmedMillis(micros: micros) }
        let total = stats.total
        let percentiles: [String] = IntervalStats.percentiles.map { percentile in
            guard stats.requests > 0, let micros = stats.micros(atPercentile: percentile) else { return "N/A" }
            return millis(Double(micros))
        }
        return [
            String(sample.unixTime),
            String(sample.users),
            stats.method,
            stats.name,
            String(stats.requests),
            String(stats.failures),
        ]
            + percentiles
            + [
                String(total.requests),
                String(total.failures),
                millis(Double(total.medianMicros)),
                millis(total.meanMicros),
                millis(Double(total.minMicros)),
                millis(Double(total.maxMicros)),
                ReportNumber.trimmed(total.requests == 0 ? 0 : Double(total.bodyBytes) / Double(total.requests)),
            ]
    }
}
