/// The result of one request: data, never an error thrown.
public struct RequestOutcome: Sendable, Equatable {
    /// HTTP status, or 0 when no response arrived.
    public var status: Int
    public var bodyBytes: UInt64
    /// New connections this transfer opened (0 or 1 for HTTP/1.1).
    public var newConnections: Int
    public var timing: TransferTiming
    /// Set when the request counts as failed.
    public var failure: RequestFailure?

    public init(status: Int, bodyBytes: UInt64, newConnections: Int, timing: TransferTiming, failure: RequestFailure?) {
        self.status = status
        self.bodyBytes = bodyBytes
        self.newConnections = newConnections
        self.timing = timing
        self.failure = failure
    }
}

/// Why one request failed: a category for counting and a message for the failures table.
public struct RequestFailure: Sendable, Equatable, Hashable {
    public var category: FailureCategory
    /// Short, stable text (e.g. `HTTP 503`, `Connection refused`); one row per distinct message.
    public var message: String
    public init(category: FailureCategory, message: String) {
        self.category = category
        self.message = message
    }
}

/// libcurl's timing breakdown of one transfer, each phase's own duration in microseconds.
public struct TransferTiming: Sendable, Equatable {
    public var dnsMicros: UInt64
    public var connectMicros: UInt64
    public var tlsMicros: UInt64
    /// From the request being sent to the first response byte.
    public var firstByteMicros: UInt64
    /// The whole transfer (`CURLINFO_TOTAL_TIME_T`).
    public var totalMicros: UInt64

    public init(dnsMicros: UInt64 = 0, connectMicros: UInt64 = 0, tlsMicros: UInt64 = 0, firstByteMicros: UInt64 = 0, totalMicros: UInt64) {
        self.dnsMicros = dnsMicros
        self.connectMicros = connectMicros
        self.tlsMicros = tlsMicros
        self.firstByteMicros = firstByteMicros
        self.totalMicros = totalMicros
    }
}
