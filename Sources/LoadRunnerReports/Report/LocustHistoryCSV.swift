import LoadRunnerModel
import LoadRunnerText

/// `locust_stats_history.csv`, with exactly the columns of Locust's `<prefix>_stats_history.csv` and its two layouts.
///
/// Built one second at a time while the run goes (the CLI's `HistoryFile` appends and flushes `rows(for:)` every
/// second), keeping only the last seconds it needs. By default, as Locust without `--csv-full-history`, one
/// `Aggregated` row a second, whose percentiles are cumulative since the run started; with `fullHistory`, first a
/// row per request name that has had any request so far (sorted by name then method), and every row's percentiles
/// cover the last 10 seconds (Locust's current window). Requests/s and Failures/s are Locust's current rate: the mean
/// count of the seconds from 12 to 3 before the last second with a request (fewer near the start, frozen while no
/// request completes), printed with 6 decimals as Locust's `f"{rate:2f}"` does. The `Total ...` columns cover the
/// run so far, warm-ups included, so the last row's agree with `locust_stats.csv`'s Aggregated row. Percentiles are
/// `N/A` only before the row's first request, as in Locust; times as in `locust_stats.csv`. A schema 1 result keeps
/// no per-second buckets, so a history rebuilt from one shows each second's own percentiles.
package struct LocustHistoryCSV: Sendable {
    package static let header =
        "Timestamp,User Count,Type,Name,Requests/s,Failures/s,"
        + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,"
        + "Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,"
        + "Total Min Response Time,Total Max Response Time,Total Average Content Size"

    /// Seconds of Locust's current percentile window.
    static let windowSeconds = 10
    /// Locust's current rate averages the seconds from `rateFirst` to `rateLast` before the last request's.
    static let rateFirst = 12
    static let rateLast = 3

    /// Locust's `--csv-full-history` layout: a row per request name too, percentiles of the current window.
    package let fullHistory: Bool
    /// The last `rateFirst + 1` seconds, oldest first.
    private var recent: [SecondSample] = []
    /// Every latency so far, all names (the default layout's cumulative percentiles).
    private var cumulative = LatencyHistogram()
    /// The current rates as last computed, per row (frozen while no request completes, as Locust's).
    private var rates: [RowKey: (requests: String, failures: String)] = [:]

    package init(fullHistory: Bool) {
        self.fullHistory = fullHistory
    }

    /// The lines (without line endings) for the next second.
    package mutating func rows(for sample: SecondSample) -> [String] {
        recent.append(sample)
        if recent.count > Self.rateFirst + 1 { recent.removeFirst(recent.count - Self.rateFirst - 1) }
        for row in sample.requests { row.latency.map { Self.record($0, into: &cumulative) } }
        var aggregated = sample.aggregated
        // The aggregate has no method, whatever the sample says; Locust leaves its Type empty.
        aggregated.method = ""
        aggregated.name = RequestStats.aggregatedName
        let named = fullHistory
            ? sample.requests.filter { $0.total.requests > 0 }.sorted { ($0.name, $0.method) < ($1.name, $1.method) } : []
        if sample.aggregated.requests > 0 {
            for row in named + [aggregated] { rates[RowKey(row)] = currentRates(of: RowKey(row)) }
        }
        return (named + [aggregated]).map { row in
            CSVRow.line(fields(row, of: sample, percentiles: percentiles(of: row, in: sample)))
        }
    }

    /// The header and the rows of every sample, each line ending with CRLF (for rebuilding the file afterwards).
    package static func write(
        _ samples: some Sequence<SecondSample>, fullHistory: Bool, to output: inout some TextOutputStream
    ) {
        var history = LocustHistoryCSV(fullHistory: fullHistory)
        output.write(header + LocustCSV.lineEnd)
        for sample in samples {
            for row in history.rows(for: sample) { output.write(row + LocustCSV.lineEnd) }
        }
    }

    /// The fields of one row, in `header` order, given its percentile columns.
    func fields(_ stats: IntervalStats, of sample: SecondSample, percentiles: [String]) -> [String] {
        let total = stats.total
        let rate = rates[RowKey(stats)] ?? ("0.000000", "0.000000")
        return [String(sample.unixTime), String(sample.users), stats.method, stats.name, rate.requests, rate.failures]
            + percentiles
            + [String(total.requests), String(total.failures), LocustCSV.time(total.medianMicros, within: total)]
            + LocustCSV.timeTotals(total)
            + [LocustCSV.meanBodyBytes(total)]
    }

    /// Locust's `current_rps` and `current_fail_per_sec` of one row, the newest second in `recent` being the one of
    /// the last request: the mean over the seconds `rateFirst` to `rateLast` before it (from the run's start on),
    /// 0 when there is none yet.
    private func currentRates(of key: RowKey) -> (requests: String, failures: String) {
        guard let last = recent.last?.second else { return ("0.000000", "0.000000") }
        let seconds = max(0, last - Self.rateFirst)..<max(0, last - Self.rateLast + 1)
        var requests: UInt64 = 0
        var failures: UInt64 = 0
        for sample in recent where seconds.contains(sample.second) {
            guard let row = key.row(in: sample) else { continue }
            requests += row.requests
            failures += row.failures
        }
        let count = UInt64(max(1, seconds.count))
        return (
            ReportNumber.fixed(numerator: requests, denominator: count, decimals: 6),
            ReportNumber.fixed(numerator: failures, denominator: count, decimals: 6))
    }

    /// The percentile columns of `row`: cumulative (default layout) or of the current window (full history).
    private func percentiles(of row: IntervalStats, in sample: SecondSample) -> [String] {
        guard row.total.requests > 0 else { return Array(repeating: "N/A", count: IntervalStats.percentiles.count) }
        let key = RowKey(row)
        var latency = LatencyHistogram()
        if fullHistory {
            for past in recent where past.second > sample.second - Self.windowSeconds {
                for named in past.requests where key.isAggregate || RowKey(named) == key {
                    guard let buckets = named.latency else { return Self.ownSecond(row) }
                    Self.record(buckets, into: &latency)
                }
            }
        } else {
            guard sample.requests.allSatisfy({ $0.latency != nil }) else { return Self.ownSecond(row) }
            latency = cumulative
        }
        return IntervalStats.percentiles.map { percentile in
            latency.count == 0 ? "0" : LocustCSV.time(latency.micros(atPercentile: percentile), within: row.total)
        }
    }

    /// A schema 1 second's own stored percentiles (it kept no buckets), `N/A` where it had no request.
    private static func ownSecond(_ row: IntervalStats) -> [String] {
        IntervalStats.percentiles.map { percentile in
            row.micros(atPercentile: percentile).map { LocustCSV.time($0, within: row.total) } ?? "N/A"
        }
    }

    private static func record(_ buckets: LatencyBuckets, into histogram: inout LatencyHistogram) {
        for bucket in buckets.buckets { histogram.record(micros: bucket.value, count: bucket.count) }
    }

    /// A row's identity across seconds: its name and method, or the aggregate.
    private struct RowKey: Hashable {
        var name: String
        var method: String

        init(_ stats: IntervalStats) {
            name = stats.name
            method = stats.method
        }

        var isAggregate: Bool { name == RequestStats.aggregatedName && method.isEmpty }

        /// This row in `sample`: a request row, or the sample's aggregate.
        func row(in sample: SecondSample) -> IntervalStats? {
            isAggregate ? sample.aggregated : sample.requests.first { $0.name == name && $0.method == method }
        }
    }
}
