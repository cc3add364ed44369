import Logging
import PostgresNIO
import Synchronization

/// One connection pool (`PostgresClient`) per lab node, the read routing between them, and the count of
/// routed reads each node has served.
///
/// A class because it has identity: the pools and counters are shared by every request. The clients must
/// be run (they are `Service`s; ``LabServer`` adds ``services`` to its service group).
final class DatabaseNodes: Sendable {
    let readMode: ReadMode
    private let clients: [DatabaseNode: PostgresClient]
    private let primaryReads = Atomic<Int>(0)
    private let replica1Reads = Atomic<Int>(0)
    private let replica2Reads = Atomic<Int>(0)

    /// Creates one client per node, at most `configuration.poolSize` connections each, without TLS.
    init(configuration: ServiceConfiguration, backgroundLogger: Logger) {
        self.readMode = configuration.readMode
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

    /// Picks the node for one read-only request and counts it: the primary, or a random replica.
    func routeRead() -> DatabaseNode {
        let node: DatabaseNode
        switch readMode {
        case .primary: node = .primary
        case .replicas: node = DatabaseNode.replicas.randomElement()!
        }
        increment(node)
        return node
    }

    /// Routed reads served so far, per node (the health check is not counted).
    func readCounts() -> ReadCounts {
        ReadCounts(
            primary: primaryReads.load(ordering: .relaxed),
            replica1: replica1Reads.load(ordering: .relaxed),
            replica2: replica2Reads.load(ordering: .relaxed))
    }

    private func increment(_ node: DatabaseNode) {
        switch node {
        case .primary: primaryReads.add(1, ordering: .relaxed)
        case .replica1: replica1Reads.add(1, ordering: .relaxed)
        case .replica2: replica2Reads.add(1, ordering: .relaxed)
        }
    }
}

/// The body of `GET /metrics`: routed reads per node since start.
struct ReadCounts: Codable, Sendable, Equatable {
    var primary: Int
    var replica1: Int
    var replica2: Int
}
