import Logging
import PostgresNIO

/// One connection pool (`PostgresClient`) per lab node, the routing between them, and the count of routed reads
/// and acknowledged writes per node.
///
/// A class because it has identity: the pools and counters are shared by every request. The clients must
/// be run (they are `Service`s; ``LabServer`` adds ``services`` to its service group). Which node is the primary
/// comes from ``PrimaryTracker``, so routing follows a failover.
final class DatabaseNodes: Sendable {
    let readMode: ReadMode
    let tracker: PrimaryTracker
    private let clients: [DatabaseNode: PostgresClient]
    private let reads = NodeCounters()
    private let writes = NodeCounters()

    /// Creates one client per node, at most `configuration.poolSize` connections each, without TLS.
    init(configuration: ServiceConfiguration, tracker: PrimaryTracker, backgroundLogger: Logger) {
        self.readMode = configuration.readMode
        self.tracker = tracker
        var clients: [DatabaseNode: PostgresClient] = [:]
        for node in DatabaseNode.allCases {
            let address = configuration.address(of: node)
            var postgres = PostgresClient.Configuration(
                host: address.host, port: address.port, username: configuration.user, password: nil,
                database: configuration.database, tls: .disable)
            postgres.options.maximumConnections = configuration.poolSize
            postgres.options.connectTimeout = .seconds(2)
            clients[node] = PostgresClient(configuration: postgres, backgroundLogger: backgroundLogger)
        }
        self.clients = clients
    }

    /// The pools, to be run by the service group for the life of the server.
    var services: [PostgresClient] { DatabaseNode.allCases.compactMap { clients[$0] } }

    /// The client for `node`.
    func client(_ node: DatabaseNode) -> PostgresClient {
        clients[node]!  // every case is filled in init
    }

    /// Picks the node for one read-only request and counts it: the current primary, or a random standby.
    ///
    /// Before the first discovery (or when no primary is found) the last known layout is used, at first the lab's:
    /// `primary` is the primary, `replica1` and `replica2` the standbys.
    func routeRead() -> DatabaseNode {
        let node: DatabaseNode
        switch readMode {
        case .primary: node = tracker.routingPrimary
        case .replicas: node = tracker.standbys.randomElement()!  // two of three nodes
        }
        reads.increment(node)
        return node
    }

    /// Counts an insert that `node` acknowledged.
    func countWrite(_ node: DatabaseNode) {
        writes.increment(node)
    }

    /// Routed reads and acknowledged writes so far, per node, and the current writer (the health check is not counted).
    func metrics() -> ServiceMetrics {
        ServiceMetrics(reads: reads.snapshot(), writes: writes.snapshot(), writer: tracker.writer)
    }
}
