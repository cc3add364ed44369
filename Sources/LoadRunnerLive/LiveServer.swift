import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP server of `run --listen`: one SwiftNIO event-loop thread of its own (never a curl loop's) that
/// answers `/`, `/metrics` and `/api/state` from copies of the `LiveBoard`.
///
/// Always call `stop()`; it is idempotent.
package final class LiveServer: Sendable {
    package let board: LiveBoard
    package let address: ListenAddress
    /// The port bound: the system's choice when `address.port` is 0.
    package let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let stopped = Mutex(false)

    private init(board: LiveBoard, address: ListenAddress, port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.board = board
        self.address = address
        self.port = port
        self.group = group
        self.channel = channel
    }

    /// Binds `address` and serves `board`; throws the bind error (address in use, unknown host).
    package static func start(_ address: ListenAddress, board: LiveBoard) async throws -> LiveServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 64)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(LiveRequestHandler(board: board))
                    }
                }
                .bind(host: address.host, port: address.port).get()
            let port = channel.localAddress?.port ?? address.port
            return LiveServer(board: board, address: address, port: port, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The dashboard's URL.
    package var url: String { address.url(port: port) }

    /// Stops accepting, closes open connections and the event-loop thread.
    package func stop() async {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}
