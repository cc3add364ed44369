import Foundation
import Hummingbird
import Logging

/// Wires the pools, the primary tracker, the routes and the HTTP server together and runs them until SIGINT or SIGTERM.
struct LabServer: Sendable {
    let configuration: ServiceConfiguration

    /// Runs the service group (HTTP server + one `PostgresClient` per node); returns after a graceful shutdown.
    func run() async throws {
        try await makeApplication().runService()
    }

    /// The application: routes, the pools as its services (run with it), and the first discovery started in
    /// the background, so the server starts even when every node is down. Tests drive it with HummingbirdTesting.
    func makeApplication() -> Application<RouterResponder<BasicRequestContext>> {
        var logger = Logger(label: "lab-service")
        logger.logLevel = .notice
        // The pools retry connections to a stopped node in the background; their own logs would repeat
        // every retry, so only our one line per failed query is logged.
        var quiet = Logger(label: "lab-service.postgres")
        quiet.logLevel = .critical

        let tracker = PrimaryTracker(probe: NodeProbe(configuration: configuration, logger: quiet), logger: logger)
        let nodes = DatabaseNodes(configuration: configuration, tracker: tracker, backgroundLogger: quiet)
        let store = UserStore(nodes: nodes, logger: logger, queryTimeout: configuration.queryTimeout)
        let templates = TemplateStore(nodes: nodes, logger: logger, queryTimeout: configuration.queryTimeout)
        let router = Router()
        UserRoutes(store: store).register(on: router)
        TemplateRoutes(store: templates, reads: store).register(on: router)
        tracker.start()

        let configuration = self.configuration
        let startLogger = logger
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            services: nodes.services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                if let path = configuration.portFile {
                    do {
                        try PortFile.write(port: port, to: path)
                    } catch {
                        startLogger.error("\(Messages.portFileFailed(path, error))")
                    }
                }
                startLogger.notice("\(Messages.started(configuration, port: port))")
            },
            logger: logger
        )
    }
}

/// Writes the bound port for scripts that start the service with `--port 0`.
enum PortFile {
    /// Writes `port` and a newline to `path` atomically (a temporary file renamed), so a reader never sees half.
    static func write(port: Int, to path: String) throws {
        try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
