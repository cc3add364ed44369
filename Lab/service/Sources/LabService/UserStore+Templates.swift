import PostgresNIO

extension UserStore {
    /// The `template` row with `id` as the node routed to sees it now, or `nil` when that node has no such row
    /// (none was written, or a standby has not replayed its insert yet), and that node.
    func template(id: Int64) async throws(DatabaseFailure) -> Served<StoredTemplate?> {
        try await read("get template") { client in
            let rows = try await client.query("select id, name, body from template where id = \(id)")
            for try await row in rows.decode((Int64, String, String).self) {
                return StoredTemplate(id: row.0, name: row.1, body: row.2)
            }
            return nil
        }
    }
}

/// A row of `template` as a read found it.
struct StoredTemplate: Sendable, Equatable {
    var id: Int64
    var name: String
    var body: String
}

/// The body of a 200 from `GET /template/{id}`: the row and the node that answered (also in `X-Served-By`).
struct TemplateReply: Encodable, Sendable {
    var id: Int64
    var name: String
    var body: String
    var node: DatabaseNode

    init(_ row: StoredTemplate, node: DatabaseNode) {
        (id, name, body, self.node) = (row.id, row.name, row.body, node)
    }
}

/// The body of a 404 from `GET /template/{id}`: `{"error": "...", "node": "replica1"}`, the node that has no such
/// row (yet: a stale read, when a standby has not replayed the insert).
struct TemplateMissing: Encodable, Sendable {
    var error: String
    var node: DatabaseNode
}
