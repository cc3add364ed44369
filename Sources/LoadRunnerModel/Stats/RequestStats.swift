/// Everything measured for one request name (or the aggregate) within one stage window.
package struct RequestStats: Codable, Sendable, Equatable {
    /// The request name, or `Aggregated` for the stage total.
    package var name: String
    /// HTTP method (`""` for the aggregate row).
    package var method: String
    /// Completed requests in the window, failures included, and an open stage's missed arrivals (counted as failed
    /// outcomes, never sent: `requestsMade` leaves them out).
    package var requests: UInt64
    /// Failed requests in the window (any category).
    package var failures: UInt64
    /// Response body bytes received.
    package var bodyBytes: UInt64
    /// Connections libcurl had to open (0 per request on a kept-alive connection).
    package var newConnections: UInt64
    /// Full request time (`CURLINFO_TOTAL_TIME_T`) of every completed request, failures included; a request
    /// refused before it was sent or never answered (`FailureCategory.hasLatencySample`) has no time and is not in it.
    /// In an open stage: from the arrival's intended send time to the response (`recordOpen`), so time spent
    /// waiting for a connection counts (no coordinated omission).
    package var latency: LatencyHistogram
    /// Open stages only: libcurl's own time of each request (`CURLINFO_TOTAL_TIME_T`, from the actual send to the
    /// response); nil for closed rows, whose `latency` already is this time.
    package var service: LatencyHistogram?
    /// How late each request was sent against its schedule, in microseconds (a `pacing` user's iteration
    /// against the previous start plus the interval; its first iteration is on time); nil when no request
    /// of the row had a schedule.
    package var lag: LatencyHistogram?
    /// Sums, in microseconds, of the timing breakdown; divide by `requests` for means. In an open stage
    /// `totalMicros` sums `latency` (from the intended send time), so the mean agrees with the percentiles.
    package var timing: TimingSums
    /// Failures by category.
    package var failuresByCategory: [FailureCategory: UInt64]

    package static let aggregatedName = "Aggregated"

    package init(name: String, method: String) {
        self.name = name
        self.method = method
        requests = 0
        failures = 0
        bodyBytes = 0
        newConnections = 0
        latency = LatencyHistogram()
        timing = TimingSums()
        failuresByCategory = [:]
    }

    /// Zeroes every count, keeping the histogram's buckets allocated (for per-second reuse).
    package mutating func reset() {
        requests = 0
        failures = 0
        bodyBytes = 0
        newConnections = 0
        latency.reset()
        service = nil
        lag = nil
        timing = TimingSums()
        failuresByCategory.removeAll(keepingCapacity: true)
    }

    /// Folds another set of counts for the same key into this one; exact.
    package mutating func add(_ other: RequestStats) {
        requests += other.requests
        failures += other.failures
        bodyBytes += other.bodyBytes
        newConnections += other.newConnections
        latency.add(other.latency)
        if let otherService = other.service {
            if service == nil { service = LatencyHistogram() }
            service?.add(otherService)
        }
        if let otherLag = other.lag { recordLag(otherLag) }
        timing.add(other.timing)
        for (category, count) in other.failuresByCategory {
            failuresByCategory[category, default: 0] += count
        }
    }

    /// Records one completed request.
    package mutating func record(_ outcome: RequestOutcome) {
        requests += 1
        bodyBytes += outcome.bodyBytes
        newConnections += UInt64(outcome.newConnections)
        if outcome.hasLatencySample {
            latency.record(micros: outcome.timing.totalMicros)
            timing.add(outcome.timing)
        }
        if let failure = outcome.failure {
            failures += 1
            failuresByCategory[failure.category, default: 0] += 1
        }
    }

    /// Records one open-model request: `latencyMicros` from its intended send time to its end goes to `latency`
    /// (and the timing sums' total), libcurl's own time to `service`, and `lagMicros` (actual send − intended;
    /// nil when it was never sent) to `lag`.
    package mutating func recordOpen(_ outcome: RequestOutcome, latencyMicros: UInt64, lagMicros: UInt64?) {
        requests += 1
        bodyBytes += outcome.bodyBytes
        newConnections += UInt64(outcome.newConnections)
        if outcome.hasLatencySample {
            latency.record(micros: latencyMicros)
            if service == nil { service = LatencyHistogram() }
            service?.record(micros: outcome.timing.totalMicros)
            var timing = outcome.timing
            timing.totalMicros = latencyMicros
            self.timing.add(timing)
        }
        if let lagMicros { recordLag(micros: lagMicros) }
        if let failure = outcome.failure {
            failures += 1
            failuresByCategory[failure.category, default: 0] += 1
        }
    }

    /// Records how late one request was sent against its schedule.
    package mutating func recordLag(micros: UInt64) {
        if lag == nil { lag = LatencyHistogram() }
        lag?.record(micros: micros)
    }

    private mutating func recordLag(_ histogram: LatencyHistogram) {
        if lag == nil { lag = LatencyHistogram() }
        lag?.add(histogram)
    }

    /// Requests made (`requestsMade`: missed arrivals left out) per second over a window of `seconds`; 0 for an
    /// empty window.
    package func throughput(overSeconds seconds: Double) -> Double {
        seconds > 0 ? Double(requestsMade) / seconds : 0
    }

    /// Failed share of requests, 0...1: in an open stage missed arrivals count on both sides (failed + missed over
    /// made + missed).
    package var errorRate: Double { requests == 0 ? 0 : Double(failures) / Double(requests) }
}

/// Sums of libcurl's per-transfer timing breakdown, in microseconds.
package struct TimingSums: Codable, Sendable, Equatable {
    package var dnsMicros: UInt64 = 0
    package var connectMicros: UInt64 = 0
    package var tlsMicros: UInt64 = 0
    package var firstByteMicros: UInt64 = 0
    package var totalMicros: UInt64 = 0

    package init() {}

    package mutating func add(_ other: TimingSums) {
        dnsMicros += other.dnsMicros
        connectMicros += other.connectMicros
        tlsMicros += other.tlsMicros
        firstByteMicros += other.firstByteMicros
        totalMicros += other.totalMicros
    }

    package mutating func add(_ timing: TransferTiming) {
        dnsMicros += timing.dnsMicros
        connectMicros += timing.connectMicros
        tlsMicros += timing.tlsMicros
        firstByteMicros += timing.firstByteMicros
        totalMicros += timing.totalMicros
    }
}
