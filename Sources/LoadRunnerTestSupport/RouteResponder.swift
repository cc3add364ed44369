import NIOHTTP1

/// Decides how the test server answers each request: a function of the route, the request, the demo user
/// table and (for `/pause/`) the time since the first `/pause/` request, so the connection handler only
/// carries out the returned `RouteAction`.
struct RouteResponder: Sendable {
    /// The body of `/ok`.
    static let okBody = #"{"ok":true}"#

    /// The demo service's user table.
    let users: DemoUsers
    /// Extra latency added to every `/user/...` response, or nil for none.
    let userRouteDelay: Duration?
    /// Fixed JSON answers by exact path (`Configuration.jsonRoutes`).
    var jsonRoutes: [String: String] = [:]
    /// Milliseconds since the server's first `/pause/` request (0 for that one), read as a `/pause/` request
    /// arrives; the schedule of every `/pause/` route counts from there.
    var pauseElapsedMilliseconds: Int { pauseClock.elapsedMilliseconds() }
    /// Shared by every connection of one server.
    var pauseClock = PauseClock()
    /// The `/items` routes' store, shared by every connection of one server.
    var items = ItemStore()

    /// Returns what to do for `route`, given the request head and the number of body bytes received.
    func action(for route: TestRoute, head: HTTPRequestHead, bodyLength: Int, connection: Int = 0) -> RouteAction {
        if let item = itemAction(for: route, connection: connection) { return item }
        switch route {
        case .ok:
            return .respond(.json(Self.okBody))
        case .delay(let milliseconds):
            return .respond(.json(#"{"delay_ms":\#(milliseconds)}"#, delay: .milliseconds(milliseconds)))
        case .status(let code):
            let status = HTTPResponseStatus(statusCode: code)
            return .respond(.text("status \(code) \(status.reasonPhrase)", status: status))
        case .bytes(let count, let chunked):
            return .streamBytes(count: count, announced: !chunked)
        case .close:
            return .closeAbruptly
        case .stall:
            return .stall
        case .pause(let from, let until):
            let now = pauseElapsedMilliseconds
            let delay = now >= from && now < until ? until - now : 0
            return .respond(.json(#"{"paused_ms":\#(delay)}"#, delay: .milliseconds(delay)))
        case .garbage:
            return .writeGarbage
        case .echo:
            return .respond(.json(Self.echoBody(head: head, bodyLength: bodyLength)))
        case .header(let name):
            guard let value = head.headers[name].first else {
                return .respond(.text("no \(name) header", status: .forbidden))
            }
            return .respond(.json("[" + JSONText.quoted(value) + "]"))
        case .userGet(let id):
            return .respond(delayed(userGet(id: id)))
        case .userSearch(let query):
            return .respond(delayed(userSearch(rawQuery: query)))
        case .userGetIDs(let query):
            return .respond(delayed(userGetIDs(rawQuery: query)))
        case .badRequest(let message):
            return .respond(.text(message, status: .badRequest))
        case .methodNotAllowed:
            return .respond(.text("method \(head.method.rawValue) not allowed; use GET", status: .methodNotAllowed))
        case .itemCreate, .itemGet:
            return .respond(.text("item routes are answered above", status: .internalServerError))
        case .notFound:
            if let json = jsonRoutes[String(TestRoute.split(head.uri).path)] { return .respond(.json(json)) }
            return .respond(.text("no route for \(TestRoute.split(head.uri).path)", status: .notFound))
        }
    }

    /// The `/echo` body: method, raw URI, path, raw query, headers and body length.
    ///
    /// Header names are lowercased; repeated headers are joined with `", "` as RFC 9110 allows.
    static func echoBody(head: HTTPRequestHead, bodyLength: Int) -> String {
        var names: [String] = []
        var values: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            if let existing = values[key] {
                values[key] = existing + ", " + value
            } else {
                names.append(key)
                values[key] = value
            }
        }
        let headers = "{" + names.map { JSONText.quoted($0) + ":" + JSONText.quoted(values[$0] ?? "") }
            .joined(separator: ",") + "}"
        let (path, query) = TestRoute.split(head.uri)
        return JSONText.object([
            "method": JSONText.quoted(head.method.rawValue),
            "uri": JSONText.quoted(head.uri),
            "path": JSONText.quoted(path),
            "query": JSONText.quoted(query),
            "version": JSONText.quoted("\(head.version.major).\(head.version.minor)"),
            "headers": headers,
            "body_length": String(bodyLength),
        ])
    }

    private func delayed(_ response: CannedResponse) -> CannedResponse {
        var response = response
        response.delay = userRouteDelay
        return response
    }
}
