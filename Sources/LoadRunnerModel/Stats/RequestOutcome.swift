/// The result of one request: data, never an error thrown.
package struct RequestOutcome: Sendable, Equatable {
    /// HTTP status, or 0 when no response arrived.
    package var status: Int
    package var bodyBytes: UInt64
    /// New connections this transfer opened (0 or 1 for HTTP/1.1).
    package var newConnections: Int
    package var timing: TransferTiming
    /// Set when the request counts as failed.
    package var failure: RequestFailure?
    /// False for a request refused before sending whatever its category (a `capture` failure because a variable
    /// had no value yet): it has no latency sample.
    package var wasSent = true

    /// Whether the request's time goes into the latency histogram.
    package var hasLatencySample: Bool { wasSent && (failure?.category.hasLatencySample ?? true) }

    package init(status: Int, bodyBytes: UInt64, newConnections: Int, timing: TransferTiming, failure: RequestFailure?) {
        self.status = status
        self.bodyBytes = bodyBytes
        self.newConnections = newConnections
        self.timing = timing
        self.failure = failure
    }
}

/// Why one request failed: a category for counting and a message for the failures table.
package struct RequestFailure: Sendable, Equatable, Hashable {
    package var category: FailureCategory
    /// Short, stable text (e.g. `HTTP 503`, `Connection refused`); one row per distinct message.
    package var message: String
    package init(category: FailureCategory, message: String) {
        self.category = category
        self.message = message
    }
}

/// libcurl's timing breakdown of one transfer, each phase's own duration in microseconds.
package struct TransferTiming: Sendable, Equatable {
    package var dnsMicros: UInt64
    package var connectMicros: UInt64
    package var tlsMicros: UInt64
    /// From the request being sent to the first response byte.
    package var firstByteMicros: UInt64
    /// The whole transfer (`CURLINFO_TOTAL_TIME_T`).
    package var totalMicros: UInt64

    package init(dnsMicros: UInt64 = 0, connectMicros: UInt64 = 0, tlsMicros: UInt64 = 0, firstByteMicros: UInt64 = 0, totalMicros: UInt64) {
        self.dnsMicros = dnsMicros
        self.connectMicros = connectMicros
        self.tlsMicros = tlsMicros
        self.firstByteMicros = firstByteMicros
        self.totalMicros = totalMicros
    }
}
