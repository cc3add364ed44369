/// Everything measured for one request name (or the aggregate) within one stage window.
public struct RequestStats: Codable, Sendable, Equatable {
    /// The request name, or `Aggregated` for the stage total.
    public var name: String
    /// HTTP method (`""` for the aggregate row).
    public var method: String
    /// Completed requests in the window, failures included.
    public var requests: UInt64
    /// Failed requests in the window (any category).
    public var failures: UInt64
    /// Response body bytes received.
    public var bodyBytes: UInt64
    /// Connections libcurl had to open (0 per request on a kept-alive connection).
    public var newConnections: UInt64
    /// Full request time (`CURLINFO_TOTAL_TIME_T`) of every completed request, failures included; a request
    /// refused before it was sent (`FailureCategory.wasSent`) has no time and is not in it.
    public var latency: LatencyHistogram
    /// Sums, in microseconds, of the timing breakdown; divide by `requests` for means.
    public var timing: TimingSums
    /// Failures by category.
    public var failuresByCategory: [FailureCategory: UInt64]

    public static let aggregatedName = "Aggregated"

    public init(name: String, method: String) {
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
    public mutating func reset() {
        requests = 0
        failures = 0
        bodyBytes = 0
        newConnections = 0
        latency.reset()
        timing = TimingSums()
        failuresByCategory.removeAll(keepingCapacity: true)
    }

    /// Folds another set of counts for the same key into this one; exact.
    public mutating func add(_ other: RequestStats) {
        requests += other.requests
        failures += other.failures
        bodyBytes += other.bodyBytes
        newConnections += other.newConnections
        latency.add(other.latency)
        timing.add(other.timing)
        for (category, count) in other.failuresByCategory {
            failuresByCategory[category, default: 0] += count
        }
    }

    /// Records one completed request.
    public mutating func record(_ outcome: RequestOutcome) {
        requests += 1
        bodyBytes += outcome.bodyBytes
        newConnections += UInt64(outcome.newConnections)
        if outcome.failure?.category.wasSent ?? true {
            latency.record(micros: outcome.timing.totalMicros)
            timing.add(outcome.timing)
        }
        if let failure = outcome.failure {
            failures += 1
            failuresByCategory[failure.category, default: 0] += 1
        }
    }

    /// Requests per second over a window of `seconds`; 0 for an empty window.
    public func throughput(overSeconds seconds: Double) -> Double {
        seconds > 0 ? Double(requests) / seconds : 0
    }

    /// Failed share of requests, 0...1.
    public var errorRate: Double { requests == 0 ? 0 : Double(failures) / Double(requests) }
}

/// Sums of libcurl's per-transfer timing breakdown, in microseconds.
public struct TimingSums: Codable, Sendable, Equatable {
    public var dnsMicros: UInt64 = 0
    public var connectMicros: UInt64 = 0
    public var tlsMicros: UInt64 = 0
    public var firstByteMicros: UInt64 = 0
    public var totalMicros: UInt64 = 0

    public init() {}

    public mutating func add(_ other: TimingSums) {
        dnsMicros += other.dnsMicros
        connectMicros += other.connectMicros
        tlsMicros += other.tlsMicros
        firstByteMicros += other.firstByteMicros
        totalMicros += other.totalMicros
    }

    public mutating func add(_ timing: TransferTiming) {
        dnsMicros += timing.dnsMicros
        connectMicros += timing.connectMicros
        tlsMicros += timing.tlsMicros
        firstByteMicros += timing.firstByteMicros
        totalMicros += timing.totalMicros
    }
}
