import NIOHTTP1

/// What the connection handler must do to answer one request; produced by `RouteResponder`, which
/// decides without touching the channel.
enum RouteAction: Sendable, Equatable {
    /// Send a complete response, after `delay` when it is not nil.
    case respond(CannedResponse)
    /// Send a 200 response with a body of `count` bytes, written in chunks as the socket drains.
    /// With `announced` false, no Content-Length is sent (the body goes out chunked).
    case streamBytes(count: Int, announced: Bool = true)
    /// Close the connection without sending anything.
    case closeAbruptly
    /// Send nothing and keep the connection open until the client or the server closes it.
    case stall
    /// Send bytes that are not HTTP, then close.
    case writeGarbage
}

/// A complete response held in memory.
struct CannedResponse: Sendable, Equatable {
    /// The status line's code.
    var status: HTTPResponseStatus
    /// The `Content-Type` header's value.
    var contentType: String
    /// The body, sent as UTF-8; omitted for statuses that forbid a body (204, 304).
    var body: String
    /// How long to wait before answering, or nil to answer at once.
    var delay: Duration?
    /// A `Location` header's value, or nil for none.
    var location: String?
    /// A `Set-Cookie` header's value to send, or nil for none (the session routes).
    var setCookie: String? = nil

    /// A JSON response.
    static func json(_ body: String, status: HTTPResponseStatus = .ok, delay: Duration? = nil) -> Self {
        CannedResponse(status: status, contentType: "application/json", body: body, delay: delay)
    }

    /// A plain-text response; a line break is appended to `message`.
    static func text(_ message: String, status: HTTPResponseStatus, delay: Duration? = nil) -> Self {
        CannedResponse(status: status, contentType: "text/plain; charset=utf-8", body: message + "\n", delay: delay)
    }
}
