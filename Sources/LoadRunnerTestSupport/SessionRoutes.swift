import NIOHTTP1
import Synchronization

/// The session routes of the test server, for checking that each virtual user keeps a cookie jar of its own:
/// `/session/login` sets `session=<token>` (a new token per login); `/session/me` answers 200 after `holdMillis` to a
/// token it issued, 401 without a session cookie, and 403 to a token it never issued or that another request is
/// using at that moment (two users holding one session: one user sends one request at a time, and its next request
/// can only arrive after the answer to the last); `/session/logout` answers 200 and counts, with the session cookie
/// it was sent, if any. Thread-safe; tallies are read by tests.
package final class SessionRoutes: Sendable {
    private struct State {
        var nextToken = 1
        /// Until when (server clock) each issued token is answering a request (its login time until first used).
        var busyUntil: [String: ContinuousClock.Instant] = [:]
        var tally = SessionTally()
    }

    /// How long `/session/me` holds its answer, in milliseconds: long enough that two users sharing a token would
    /// overlap.
    static let holdMillis = 20

    private let state = Mutex(State())

    init() {}

    /// What the session routes have seen so far.
    package var tally: SessionTally { state.withLock { $0.tally } }

    /// The response to `head` when it asks for a session route; nil for every other route.
    func response(for head: HTTPRequestHead) -> CannedResponse? {
        switch TestRoute.split(head.uri).path {
        case "/session/login":
            let token = state.withLock { state in
                defer { state.nextToken += 1 }
                let token = "t\(state.nextToken)"
                state.busyUntil[token] = .now
                state.tally.logins += 1
                return token
            }
            var response = CannedResponse.json(#"{"token":"\#(token)"}"#)
            response.setCookie = "session=\(token); Path=/"
            return response
        case "/session/me":
            let token = Self.sessionToken(head)
            let now = ContinuousClock.now
            let hold = Duration.milliseconds(Self.holdMillis)
            return state.withLock { state in
                guard let token else {
                    state.tally.withoutCookie += 1
                    return .text("no session cookie", status: .unauthorized)
                }
                guard let busyUntil = state.busyUntil[token], busyUntil <= now else {
                    state.tally.foreignCookie += 1
                    return .text("session \(token) is unknown or in use by another request", status: .forbidden)
                }
                state.busyUntil[token] = now + hold
                state.tally.ownCookie += 1
                state.tally.usesByToken[token, default: 0] += 1
                return .json(#"{"token":"\#(token)"}"#, delay: hold)
            }
        case "/session/logout":
            let token = Self.sessionToken(head)
            state.withLock { state in
                state.tally.logouts += 1
                if token != nil { state.tally.logoutsWithCookie += 1 }
            }
            var response = CannedResponse.json("{}")
            response.setCookie = "session=; Path=/; Max-Age=0"
            return response
        default:
            return nil
        }
    }

    /// The value of the request's `session` cookie, if it sent one.
    private static func sessionToken(_ head: HTTPRequestHead) -> String? {
        for header in head.headers[canonicalForm: "cookie"] {
            for pair in header.split(separator: ";") {
                let cookie = pair.drop { $0 == " " }
                if cookie.hasPrefix("session="), cookie.count > 8 { return String(cookie.dropFirst(8)) }
            }
        }
        return nil
    }
}

/// Counts of the session routes' answers.
package struct SessionTally: Sendable, Equatable {
    /// `/session/login` requests (each issued a new token).
    package var logins = 0
    /// `/session/me` requests that carried an issued token no other request was using (answered 200).
    package var ownCookie = 0
    /// Those requests per token.
    package var usesByToken: [String: Int] = [:]
    /// `/session/me` requests without a session cookie (401).
    package var withoutCookie = 0
    /// `/session/me` requests with a token never issued, or in use by another request at that moment (403).
    package var foreignCookie = 0
    /// `/session/logout` requests, and those of them that carried a session cookie.
    package var logouts = 0
    package var logoutsWithCookie = 0
}
