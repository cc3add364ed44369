import LoadRunnerModel

/// One request name (or the aggregate) over the whole run, warm-ups included: what a row of `locust_stats.csv`
/// shows, and what the last row of `locust_stats_history.csv` and `locust_failures.csv` count too.
///
/// The whole run, as Locust counts without `--reset-stats`, so a notebook comparing the two tools' files compares
/// the same span; the stage windows (warm-ups left out) are in `stages.csv` and `report.md`.
package struct LocustEntry: Sendable, Equatable {
    package var method: String
    package var name: String
    /// Counts, body bytes, the exact mean and the exact min and max since the run started.
    package var totals: RunningTotals
    /// Every latency of the run, for the percentiles; for a schema 1 result (no per-second buckets), the stage
    /// windows' latencies instead.
    package var latency: LatencyHistogram

    package init(method: String, name: String, totals: RunningTotals, latency: LatencyHistogram) {
        self.method = method
        self.name = name
        self.totals = totals
        self.latency = latency
    }

    /// The request rows of `result` sorted by name then method, then the aggregate (empty Type, Name `Aggregated`).
    package static func entries(of result: RunResult) -> [LocustEntry] {
        let last = result.series.last
        let windows = Dictionary(
            (result.mergedRequests + [result.mergedAggregated]).map { (Key($0.name, $0.method), $0.latency) },
            uniquingKeysWith: { first, _ in first })
        let rows = last.map { $0.requests.map { (Key($0.name, $0.method), $0.total) } }
            ?? result.mergedRequests.map { (Key($0.name, $0.method), RunningTotals.zero) }
        var entries = rows.sorted { ($0.0.name, $0.0.method) < ($1.0.name, $1.0.method) }.map { key, totals in
            LocustEntry(
                method: key.method, name: key.name, totals: totals,
                latency: result.latency(ofRequest: key.name, method: key.method, seconds: 0..<Int.max)
                    ?? windows[key] ?? LatencyHistogram())
        }
        let aggregated = Key(RequestStats.aggregatedName, "")
        entries.append(LocustEntry(
            method: "", name: aggregated.name, totals: last?.aggregated.total ?? .zero,
            latency: result.latency(seconds: 0..<Int.max) ?? windows[aggregated] ?? LatencyHistogram()))
        return entries
    }

    /// The seconds the run's rates are over: the length of its time series (Locust divides by the time from the
    /// start to the last request).
    package static func seconds(of result: RunResult) -> Double {
        Double(result.series.count)
    }

    private struct Key: Hashable {
        var name: String
        var method: String

        init(_ name: String, _ method: String) {
            self.name = name
            self.method = method
        }
    }
}

extension RunningTotals {
    /// No request yet.
    package static let zero = RunningTotals(
        requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
}
