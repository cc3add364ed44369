import Foundation
import Logging
import PostgresNIO

/// The read queries of the service, each run on the node that ``DatabaseNodes`` routes it to.
///
/// Every query is bounded by ``queryTimeout``; a failure or timeout is logged once and thrown as
/// ``DatabaseFailure`` (the routes answer 503).
struct UserStore: Sendable {
    let nodes: DatabaseNodes
    let logger: Logger
    /// How long a query (including waiting for a connection) may take before it fails.
    var queryTimeout: Duration

    /// Largest `number` accepted by ``ids(count:random:)``.
    static let maxIds = 100_000
    /// Rows returned by one search.
    static let searchLimit = 100

    /// The user with `id`, or `nil` when there is none, and the node that answered.
    func user(id: UUID) async throws(DatabaseFailure) -> Served<User?> {
        try await read("get user") { client in
            let rows = try await client.query("""
                select id, first_name, last_name, birthday::text, biography, city
                from users where id = \(id)
                """)
            for try await row in rows.decode((UUID, String, String, String?, String?, String?).self) {
                return User(id: row.0, firstName: row.1, lastName: row.2, birthday: row.3, biography: row.4, city: row.5)
            }
            return nil
        }
    }

    /// Users whose names start with `firstName` and `lastName` (empty matches all), by id, at most ``searchLimit``.
    func search(firstName: String, lastName: String) async throws(DatabaseFailure) -> Served<[User]> {
        let first = LikePattern.escaped(firstName)
        let last = LikePattern.escaped(lastName)
        let limit = Self.searchLimit
        return try await read("search users") { client in
            let rows = try await client.query("""
                select id, first_name, last_name, birthday::text, biography, city
                from users where first_name like \(first) || '%' and last_name like \(last) || '%'
                order by id limit \(limit)
                """)
            var users: [User] = []
            for try await row in rows.decode((UUID, String, String, String?, String?, String?).self) {
                users.append(User(id: row.0, firstName: row.1, lastName: row.2, birthday: row.3, biography: row.4, city: row.5))
            }
            return users
        }
    }

    /// `count` user ids: the first by id, or a random sample.
    ///
    /// Random uses `tablesample system` sized from `pg_class.reltuples` at three times `count`, shuffled and cut to
    /// `count`; when the sample comes up short (small or unanalysed table) it falls back to `order by random()`.
    func ids(count: Int, random: Bool) async throws(DatabaseFailure) -> Served<[UUID]> {
        try await read(random ? "random ids" : "first ids") { client in
            guard random else {
                return try await collectIds(client.query("select id from users order by id limit \(count)"))
            }
            var estimate = 0.0
            for try await rows in try await client.query(
                "select reltuples::float8 from pg_class where relname = 'users' and relkind = 'r'"
            ).decode(Double.self) {
                estimate = rows
            }
            if estimate > 0 {
                let percent = min(100, max(0.001, Double(count) * 300 / estimate))
                let sample = try await collectIds(client.query("""
                    select id from (select id from users tablesample system (\(percent))) s
                    order by random() limit \(count)
                    """))
                if sample.count == count { return sample }
            }
            return try await collectIds(client.query("select id from users order by random() limit \(count)"))
        }
    }

    /// Checks that `node` answers `select 1` (not counted as a routed read).
    func isUp(_ node: DatabaseNode) async -> Bool {
        do {
            return try await run(on: node, label: "health") { client in
                for try await one in try await client.query("select 1").decode(Int.self) { return one == 1 }
                return false
            }
        } catch {
            return false
        }
    }

    private func collectIds(_ rows: PostgresRowSequence) async throws -> [UUID] {
        var ids: [UUID] = []
        for try await id in rows.decode(UUID.self) { ids.append(id) }
        return ids
    }

    /// Runs `body` on the node chosen for a read; its result and that node.
    func read<T: Sendable>(
        _ label: String, _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws(DatabaseFailure) -> Served<T> {
        let node = nodes.routeRead()
        return Served(value: try await run(on: node, label: label, body), node: node)
    }

    /// Runs `body` on `node` within ``queryTimeout``, logging and wrapping any failure.
    ///
    /// The request stops waiting at the timeout even when the query cannot be cancelled (already sent); it then
    /// finishes on its own and its connection goes back to the pool.
    private func run<T: Sendable>(
        on node: DatabaseNode, label: String, _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws(DatabaseFailure) -> T {
        let client = nodes.client(node)
        let timeout = queryTimeout
        let outcome = await TimeLimit.run(within: timeout) { try await body(client) }
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error):
            throw failure(on: node, label: label, reason: ErrorReason.describe(error))
        case .none:
            throw failure(on: node, label: label, reason: Messages.databaseTimedOut(timeout))
        }
    }

    private func failure(on node: DatabaseNode, label: String, reason: String) -> DatabaseFailure {
        logger.error("\(Messages.databaseError(node, query: label, reason))")
        return DatabaseFailure(node: node, reason: reason)
    }

}

/// A read's result and the node that answered it (the routes send it as `X-Served-By`).
struct Served<Value: Sendable>: Sendable {
    var value: Value
    var node: DatabaseNode
}

/// A query that failed or timed out on `node`; the routes answer 503 with ``Messages/databaseUnavailable(_:_:)``.
struct DatabaseFailure: Error, Sendable {
    var node: DatabaseNode
    var reason: String
}
