import Logging
import NIOCore
import PostgresNIO

/// Asks every node `select pg_is_in_recovery()` over a fresh connection of its own, all at once, each within
/// ``timeout``.
///
/// A fresh connection rather than the node's pool: a pool that cannot connect queues the request until the
/// query timeout, while a direct connect answers "connection refused" at once.
struct NodeProbe: Sendable {
    var addresses: [DatabaseNode: NodeAddress]
    var user: String
    var database: String
    /// Longest one node may take to connect and answer; an unanswered node counts as unreachable.
    var timeout: Duration
    var logger: Logger

    /// The probe of `configuration`'s nodes; each answer within at most 1 s, less when the query timeout is shorter.
    init(configuration: ServiceConfiguration, logger: Logger) {
        var addresses: [DatabaseNode: NodeAddress] = [:]
        for node in DatabaseNode.allCases { addresses[node] = configuration.address(of: node) }
        self.addresses = addresses
        self.user = configuration.user
        self.database = configuration.database
        self.timeout = min(.seconds(1), configuration.queryTimeout)
        self.logger = logger
    }

    /// The role of every node; returns within about ``timeout``.
    func discover() async -> Topology {
        await withTaskGroup(of: (DatabaseNode, NodeRole).self) { group in
            for node in DatabaseNode.allCases {
                group.addTask { (node, await role(of: node)) }
            }
            var roles: [DatabaseNode: NodeRole] = [:]
            for await (node, role) in group { roles[node] = role }
            return Topology(roles: roles)
        }
    }

    /// What `node` answers, or why it did not.
    func role(of node: DatabaseNode) async -> NodeRole {
        let probe = self
        switch await TimeLimit.run(within: timeout, { try await probe.isInRecovery(node) }) {
        case .none: return .unreachable(Messages.noAnswer(within: timeout))
        case .success(true): return .standby
        case .success(false): return .primary
        case .failure(let error): return .unreachable(ErrorReason.describe(error))
        }
    }

    private func isInRecovery(_ node: DatabaseNode) async throws -> Bool {
        let address = addresses[node]!  // every node is filled in init
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: user, password: nil, database: database, tls: .disable)
        configuration.options.connectTimeout = TimeAmount(timeout)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: DatabaseNode.allCases.firstIndex(of: node)!, logger: logger)
        do {
            var answer: Bool?
            for try await inRecovery in try await connection.query("select pg_is_in_recovery()", logger: logger)
                .decode(Bool.self)
            {
                answer = inRecovery
            }
            try? await connection.close()
            guard let answer else { throw NoAnswer() }
            return answer
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private struct NoAnswer: Error, CustomStringConvertible {
        var description: String { "select pg_is_in_recovery() returned no row" }
    }
}
