/// Why a request failed; a failed request is data, counted per category.
package enum FailureCategory: String, Codable, Sendable, CaseIterable, Comparable {
    /// Name resolution failed.
    case dns
    /// The TCP connection could not be made (refused, unreachable).
    case connect
    /// The request did not finish within the timeout.
    case timeout
    /// TLS handshake or certificate failure.
    case tls
    /// Sending the request failed (connection reset while writing).
    case write
    /// Receiving the response failed (connection reset or closed while reading).
    case read
    /// The server closed the connection without answering.
    case emptyReply = "empty_reply"
    /// The server answered something that is not HTTP.
    case protocolError = "protocol"
    /// An HTTP status outside the request's `expect` set.
    case httpStatus = "http_status"
    /// Anything else libcurl reported.
    case other
    /// Not sent: a header rendered from a `fetch` data value held CR, LF or NUL (it would have split the
    /// header, or the request, in two on the wire).
    case invalidValue = "invalid_value"
    /// Sent, but still without an answer when the run had to end (after draining, or 2 s after Ctrl-C): the
    /// request is counted, with its age in the failure's message, but it has no latency.
    case incomplete
    /// Not sent: an open-model arrival still waiting for a connection `max_lag` after it was due (the pool was at
    /// `max_connections` and every connection busy), or still waiting when the load ended. Counted in its stage's
    /// requests and error rate, with no latency sample; the schedule is never thinned silently.
    case missed
    /// Sent and answered, but a value a step must take from the response (`capture:`) was not in it: the rest of
    /// that iteration of its flow is skipped, since later steps need the value.
    case capture
    /// Sent and answered, but an `assert:` on the response (status, header, body, JSON value, size, latency) did
    /// not hold; the failure's message is the assertion's text.
    case assertion
    /// A visibility probe (`await:`) polled its read until `within` passed and the write never became visible.
    case notVisible = "not_visible"

    /// Whether a request that failed this way went out, so that its time is a latency sample. A request refused
    /// before sending (`invalid_value`) has none: it counts as a failed request, but stays out of the latency
    /// histogram and the mean, which would otherwise be pulled towards 0.
    package var wasSent: Bool { self != .invalidValue && self != .missed }

    /// Whether a request that failed this way has a time to put in the latency histogram: not when it was never
    /// sent (`invalid_value`, `missed`) nor when it never got an answer (`incomplete`, whose age is in its message).
    package var hasLatencySample: Bool { wasSent && self != .incomplete }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
