import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on SwiftNIO for tests and the demo: binds 127.0.0.1 on an ephemeral port by
/// default, serves fixed routes (`/ok`, `/delay/{ms}`, `/status/{code}`, `/bytes/{n}`, `/close`, `/stall`,
/// `/pause/{fromMs}/{untilMs}`, `/garbage`, `/echo`, `/header/{name}`), the session routes (`SessionRoutes`), the demo user service (`/user/get/{id}`, `/user/search`,
/// `/user/get-ids`) and any JSON routes its configuration adds, honours keep-alive, and counts
/// connections, requests and the header names it parsed.
///
/// Always call `shutdown()` (or use `withServer(_:_:)`); it is idempotent.
package final class TestHTTPServer: Sendable {
    /// The host the server is bound to, as given to `start`.
    package let host: String
    /// The port the server listens on; the kernel's choice when started with port 0.
    package let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let serverChannel: any Channel
    private let counters: ServerCounters
    /// What the `/items` routes issued and served (`ItemRoutes.swift`).
    package let items: ItemStore
    /// The session routes (`/session/login`, `/session/me`, `/session/logout`) and what they saw.
    package let sessions: SessionRoutes
    private let shutdownTask = Mutex<Task<Void, any Error>?>(nil)

    private init(host: String, port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel,
                 counters: ServerCounters, items: ItemStore, sessions: SessionRoutes) {
        self.items = items
        self.sessions = sessions
        self.host = host
        self.port = port
        self.group = group
        self.serverChannel = channel
        self.counters = counters
    }

    deinit {
        // A forgotten shutdown must not leak event-loop threads.
        if shutdownTask.withLock({ $0 == nil }) {
            group.shutdownGracefully { _ in }
        }
    }

    /// The URL prefix for requests, e.g. `http://127.0.0.1:54321` (IPv6 hosts are bracketed).
    package var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// Connections accepted since the server started.
    package var connectionsAccepted: Int { counters.connectionsAccepted }

    /// Connections open right now; a closed connection is counted once the server has noticed it.
    package var openConnections: Int { counters.openConnections }

    /// Requests received since the server started, on any route, including `/close` and `/stall`.
    package var requestsServed: Int { counters.requestsServed }

    /// The distinct header names (lowercased) the server parsed in any request since it started: a header
    /// smuggled inside another header's value shows up here.
    package var headerNamesSeen: Set<String> { counters.headerNamesSeen }

    /// The first 100,000 requests in the order they arrived: connection number and path (without the query).
    package var requestLog: [ServedRequest] { counters.requestLog }

    /// Requests whose path (without the query) starts with `prefix`, e.g. `"/delay/"` or `"/user/get/"`.
    ///
    /// Only the first 100,000 distinct paths are tallied one by one; later new paths count only in
    /// `requestsServed`.
    package func requests(forPathPrefix prefix: String) -> Int {
        counters.requests(forPathPrefix: prefix)
    }

    /// Starts a server listening on `host:port` (port 0: any free port) and returns once it accepts
    /// connections.
    ///
    /// - Throws: `StartError` for a port outside 0...65535, or the bind error (address in use, unknown
    ///   host).
    package static func start(
        host: String = "127.0.0.1", port: Int = 0, configuration: Configuration = .init()
    ) async throws -> TestHTTPServer {
        guard (0...65535).contains(port) else {
            throw StartError(description: "port \(port) is outside 0...65535; use 0 for any free port")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
        let counters = ServerCounters()
        let sessions = SessionRoutes()
        let responder = RouteResponder(
            users: DemoUsers(count: max(0, configuration.userCount)), userRouteDelay: configuration.fixedDelay,
            jsonRoutes: configuration.jsonRoutes)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 1024)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(TestConnectionHandler(responder: responder, counters: counters, sessions: sessions))
                    }
                }
                .bind(host: host, port: port).get()
            guard let boundPort = channel.localAddress?.port else {
                try? await channel.close()
                throw StartError(description: "the server bound \(host) but has no local port")
            }
            return TestHTTPServer(host: host, port: boundPort, group: group, channel: channel, counters: counters,
                                  items: responder.items, sessions: sessions)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops accepting, closes every open connection (including stalled ones) and stops the event-loop
    /// threads. Safe to call more than once and from several tasks; every call waits for the first.
    package func shutdown() async throws {
        let task = shutdownTask.withLock { existing in
            if let existing { return existing }
            let task = Task { [serverChannel, group] in
                try? await serverChannel.close()
                try await group.shutdownGracefully()
            }
            existing = task
            return task
        }
        try await task.value
    }

    /// Starts a server on 127.0.0.1 with an ephemeral port, runs `body` with it and shuts it down,
    /// whether `body` returns or throws.
    @discardableResult
    package static func withServer<T>(
        _ configuration: Configuration = .init(),
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TestHTTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(configuration: configuration)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try await server.shutdown()
        return try result.get()
    }
}
