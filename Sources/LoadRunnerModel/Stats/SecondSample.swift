/// One second of the run's time series: what completed in that second, per request name and in total.
package struct SecondSample: Codable, Sendable, Equatable {
    /// Seconds since the run started; this sample covers `[second, second + 1)`.
    package var second: Int
    /// Unix time (whole seconds) at the end of this second.
    package var unixTime: Int
    /// Active virtual users at the end of the second.
    package var users: Int
    /// 1-based stage the second belongs to, and whether it lies inside that stage's statistics window.
    package var stage: Int
    package var inWindow: Bool
    /// Per request name (profile order; names with no request that second included with zeros).
    package var requests: [IntervalStats]
    package var aggregated: IntervalStats
    /// The generator's CPU use during this second in % of one core, and its worst timer lag.
    package var generatorCPUPercent: Double
    package var schedulingLagMicros: UInt64

    package init(
        second: Int, unixTime: Int, users: Int, stage: Int, inWindow: Bool, requests: [IntervalStats],
        aggregated: IntervalStats, generatorCPUPercent: Double, schedulingLagMicros: UInt64
    ) {
        self.second = second
        self.unixTime = unixTime
        self.users = users
        self.stage = stage
        self.inWindow = inWindow
        self.requests = requests
        self.aggregated = aggregated
        self.generatorCPUPercent = generatorCPUPercent
        self.schedulingLagMicros = schedulingLagMicros
    }
}

/// One request name over one second, plus its running totals since the run started (the totals feed
/// Locust's `Total ...` history columns).
///
/// Schema 2 keeps the second's latency histogram (`latency`) and derives the percentile summary from it;
/// a schema 1 file has only the summary (`latency` is nil), which readers fall back to.
package struct IntervalStats: Sendable, Equatable {
    package var name: String
    package var method: String
    package var requests: UInt64
    package var failures: UInt64
    package var bodyBytes: UInt64
    /// Every latency of this second (non-zero buckets); nil when read from a schema 1 file.
    package var latency: LatencyBuckets?
    /// Open stages only: libcurl's own time of this second's requests (`RequestStats.service`); nil for closed
    /// rows, for the aggregate row and in files written before it existed.
    package var service: LatencyBuckets?
    /// Open stages only: how late this second's arrivals went out (actual send − intended time, `RequestStats.lag`);
    /// nil for closed rows, for the aggregate row and in files written before it existed.
    package var lag: LatencyBuckets?
    /// Open stages: arrivals due in this second (by intended time) that were never sent (`missed`), also counted
    /// in `requests` and `failures`; 0 for closed rows and in files written before it existed.
    package var missed: UInt64 = 0
    /// Latency percentiles of this second, in microseconds, at `SecondSample.percentiles`; empty when no request.
    package var percentileMicros: [UInt64]
    package var minMicros: UInt64
    package var maxMicros: UInt64
    package var meanMicros: Double
    package var total: RunningTotals

    /// The percentiles kept per second: Locust's history columns.
    package static let percentiles: [Double] = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100]

    /// The summary of `latency`, with its buckets kept.
    package init(
        name: String, method: String, requests: UInt64, failures: UInt64, bodyBytes: UInt64,
        latency: LatencyHistogram, total: RunningTotals
    ) {
        self.init(
            name: name, method: method, requests: requests, failures: failures, bodyBytes: bodyBytes,
            percentileMicros: latency.count == 0 ? [] : Self.percentiles.map { latency.micros(atPercentile: $0) },
            minMicros: latency.minMicros, maxMicros: latency.maxMicros, meanMicros: latency.meanMicros, total: total)
        self.latency = LatencyBuckets(latency)
    }

    /// A summary without buckets, as a schema 1 file holds.
    package init(
        name: String, method: String, requests: UInt64, failures: UInt64, bodyBytes: UInt64,
        percentileMicros: [UInt64], minMicros: UInt64, maxMicros: UInt64, meanMicros: Double, total: RunningTotals
    ) {
        self.name = name
        self.method = method
        self.requests = requests
        self.failures = failures
        self.bodyBytes = bodyBytes
        self.percentileMicros = percentileMicros
        self.minMicros = minMicros
        self.maxMicros = maxMicros
        self.meanMicros = meanMicros
        self.total = total
    }

    /// The latency at `percentile` (e.g. 95), in microseconds; nil when the second had no request, or when
    /// a schema 1 file (no buckets) did not keep that percentile.
    ///
    /// The kept percentiles come from the summary, which was derived from the buckets when there are any; any
    /// other percentile is computed from the buckets.
    package func micros(atPercentile percentile: Double) -> UInt64? {
        if let index = Self.percentiles.firstIndex(of: percentile) {
            return index < percentileMicros.count ? percentileMicros[index] : nil
        }
        guard let latency, latency.count > 0 else { return nil }
        return latency.histogram.micros(atPercentile: percentile)
    }
}

/// Totals since the start of the run for one request name.
package struct RunningTotals: Codable, Sendable, Equatable {
    package var requests: UInt64
    package var failures: UInt64
    package var bodyBytes: UInt64
    package var medianMicros: UInt64
    package var meanMicros: Double
    package var minMicros: UInt64
    package var maxMicros: UInt64

    package init(requests: UInt64, failures: UInt64, bodyBytes: UInt64, medianMicros: UInt64, meanMicros: Double, minMicros: UInt64, maxMicros: UInt64) {
        self.requests = requests
        self.failures = failures
        self.bodyBytes = bodyBytes
        self.medianMicros = medianMicros
        self.meanMicros = meanMicros
        self.minMicros = minMicros
        self.maxMicros = maxMicros
    }
}
