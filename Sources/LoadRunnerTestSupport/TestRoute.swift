/// A request's target on the test server, parsed from its method and raw URI without doing any work.
enum TestRoute: Sendable, Equatable {
    /// The longest `/delay/{ms}` accepted: one day, far below where nanoseconds overflow `Int64`.
    static let maximumDelayMilliseconds = 86_400_000

    case ok
    case delay(milliseconds: Int)
    case status(code: Int)
    /// `/bytes/{n}`; with `?chunked`, sent without a Content-Length (chunked), so its size is unknown up front.
    case bytes(count: Int, chunked: Bool = false)
    case close
    case stall
    /// `/pause/{fromMs}/{untilMs}`: answered at once, except that a request arriving between `fromMs` and
    /// `untilMs` (milliseconds since the server's first `/pause/` request) is answered at `untilMs`: a server
    /// that hangs on a schedule.
    case pause(fromMilliseconds: Int, untilMilliseconds: Int)
    case garbage
    case echo
    /// `/header/{name}`: the request's `name` header value as a one-element JSON array, 403 without it.
    case header(name: String)
    case userGet(id: String)
    case userSearch(query: String)
    case userGetIDs(query: String)
    /// `POST /items` and `GET /items/{id}` (`ItemRoutes.swift`).
    /// `POST /items?visible_after_ms=D`: the item is readable only D ms after its creation (a lagging replica).
    case itemCreate(visibleAfterMillis: Int)
    case itemGet(id: Int)
    /// A known route with an argument it cannot use; the message says which and why.
    case badRequest(message: String)
    /// A known route asked with a method other than GET.
    case methodNotAllowed
    case notFound

    /// Parses `uri` (path plus optional `?query`, as sent on the request line) for `method`
    /// (uppercase, e.g. `GET`).
    init(method: String, uri: some StringProtocol) {
        let (path, query) = Self.split(uri)
        if path == "/echo" {
            self = .echo
            return
        }
        if let item = Self.item(method: method, path: path, query: query) {
            self = item
            return
        }
        let route = Self.route(path: path, query: query)
        if route != .notFound && method != "GET" {
            self = .methodNotAllowed
        } else {
            self = route
        }
    }

    /// Splits a raw URI into its path and its query (empty when there is none).
    static func split(_ uri: some StringProtocol) -> (path: Substring, query: Substring) {
        let text = Substring(uri)
        guard let mark = text.firstIndex(of: "?") else { return (text, "") }
        return (text[..<mark], text[text.index(after: mark)...])
    }

    private static func route(path: Substring, query: Substring) -> TestRoute {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch (segments.first.map(String.init) ?? "", segments.count) {
        case ("ok", 1): return .ok
        case ("close", 1): return .close
        case ("stall", 1): return .stall
        case ("garbage", 1): return .garbage
        case ("delay", 2): return delay(segments.last)
        case ("pause", 3): return pause(segments.dropFirst().first, segments.last)
        case ("status", 2): return status(segments.last)
        case ("bytes", 2): return bytes(segments.last, chunked: query == "chunked")
        case ("header", 2): return .header(name: String(segments.last ?? ""))
        case ("user", 3) where segments.dropFirst().first == "get":
            return .userGet(id: String(segments.last ?? ""))
        case ("user", 2) where segments.last == "search": return .userSearch(query: String(query))
        case ("user", 2) where segments.last == "get-ids": return .userGetIDs(query: String(query))
        default: return .notFound
        }
    }

    private static func delay(_ text: Substring?) -> TestRoute {
        guard let milliseconds = text.flatMap({ Int($0) }), (0...maximumDelayMilliseconds).contains(milliseconds)
        else {
            return .badRequest(
                message: "delay must be a whole number of milliseconds in 0...\(maximumDelayMilliseconds)")
        }
        return .delay(milliseconds: milliseconds)
    }

    private static func pause(_ from: Substring?, _ until: Substring?) -> TestRoute {
        let range = 0...maximumDelayMilliseconds
        guard let from = from.flatMap({ Int($0) }), let until = until.flatMap({ Int($0) }), range.contains(from),
            range.contains(until), from <= until
        else {
            return .badRequest(message: "pause needs two whole numbers of milliseconds, from <= until, in 0...\(maximumDelayMilliseconds)")
        }
        return .pause(fromMilliseconds: from, untilMilliseconds: until)
    }

    private static func status(_ text: Substring?) -> TestRoute {
        guard let code = text.flatMap({ Int($0) }), (200...599).contains(code) else {
            return .badRequest(message: "status must be a number in 200...599")
        }
        return .status(code: code)
    }

    private static func bytes(_ text: Substring?, chunked: Bool) -> TestRoute {
        guard let count = text.flatMap({ Int($0) }), count >= 0 else {
            return .badRequest(message: "bytes must be a non-negative whole number")
        }
        return .bytes(count: count, chunked: chunked)
    }
}
