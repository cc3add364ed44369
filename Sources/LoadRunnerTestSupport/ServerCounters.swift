import Synchronization

/// The test server's thread-safe tallies of connections and requests, shared by every connection
/// handler and read by tests.
///
/// One uncontended lock per connection event and per request: cheap next to a socket read, and the
/// test server is not the system under test.
final class ServerCounters: Sendable {
    /// The most distinct paths counted one by one; requests to further new paths are counted only in
    /// the totals, so a client cannot grow the table without bound.
    static let maximumDistinctPaths = 100_000
    /// The most distinct header names kept, for the same reason.
    static let maximumDistinctHeaderNames = 1_000
    /// The most requests kept one by one, in arrival order, in `requestLog`.
    static let maximumLoggedRequests = 100_000

    private struct State {
        var connectionsAccepted = 0
        var openConnections = 0
        var requestsServed = 0
        var requestsByPath: [String: Int] = [:]
        var headerNames: Set<String> = []
        var requestLog: [ServedRequest] = []
    }

    private let state = Mutex(State())

    /// Connections accepted since the server started.
    var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    /// Connections currently open.
    var openConnections: Int { state.withLock { $0.openConnections } }

    /// Requests received since the server started, whatever their route or outcome.
    var requestsServed: Int { state.withLock { $0.requestsServed } }

    /// Requests whose path (without the query) starts with `prefix`.
    func requests(forPathPrefix prefix: String) -> Int {
        state.withLock { state in
            state.requestsByPath.reduce(0) { $1.key.hasPrefix(prefix) ? $0 + $1.value : $0 }
        }
    }

    /// The first `maximumLoggedRequests` requests, in the order they arrived.
    var requestLog: [ServedRequest] { state.withLock { $0.requestLog } }

    /// The distinct header names (lowercased) received in any request, up to `maximumDistinctHeaderNames` of them.
    var headerNamesSeen: Set<String> { state.withLock { $0.headerNames } }

    /// Records the names of one request's headers.
    func headersReceived(names: some Sequence<String>) {
        state.withLock { state in
            for name in names where state.headerNames.count < Self.maximumDistinctHeaderNames {
                state.headerNames.insert(name.lowercased())
            }
        }
    }

    /// Records a newly accepted connection; returns its number (1 for the server's first).
    func connectionOpened() -> Int {
        state.withLock { state in
            state.connectionsAccepted += 1
            state.openConnections += 1
            return state.connectionsAccepted
        }
    }

    /// Records a connection that closed.
    func connectionClosed() {
        state.withLock { $0.openConnections -= 1 }
    }

    /// Records a request for `path` (the URI without its query) on connection number `connection`.
    func requestReceived(path: Substring, connection: Int) {
        let key = String(path)
        state.withLock { state in
            state.requestsServed += 1
            if state.requestLog.count < Self.maximumLoggedRequests {
                state.requestLog.append(ServedRequest(connection: connection, path: key))
            }
            if state.requestsByPath[key] != nil || state.requestsByPath.count < Self.maximumDistinctPaths {
                state.requestsByPath[key, default: 0] += 1
            }
        }
    }
}

/// One request the test server received: on which connection (numbered from 1 in accept order) and its path
/// without the query.
package struct ServedRequest: Sendable, Equatable {
    package var connection: Int
    package var path: String
}
