import Foundation
import HummingbirdTesting
import Testing

@testable import LabService

/// `POST /template` against a real PostgreSQL: bad bodies are 400 and write nothing, every 201 is exactly
/// one row (counted with SQL on the same server), and with the database gone a write is 503 `not_written`.
/// Failover, standbys and unconfirmed commits need the three-node lab: `test-service.sh` covers those.
@Suite struct TemplateRoutesTests {
    static let badBodies: [(body: String, message: String)] = [
        ("", "the request has no body"),
        ("not json", "the request body is not valid JSON"),
        ("[\"name\"]", "the request body must be a JSON object"),
        ("{\"body\": \"no name\"}", "\"name\" is missing; give a string of 1 to 200 characters"),
        ("{\"name\": \"\"}", "\"name\" has 0 characters; give 1 to 200"),
        ("{\"name\": \"\(String(repeating: "n", count: 201))\"}", "\"name\" has 201 characters; give 1 to 200"),
        ("{\"name\": \"ok\", \"body\": \"\(String(repeating: "b", count: 10_001))\"}",
         "\"body\" has 10001 characters; at most 10000 are allowed"),
        ("{\"name\": 7, \"body\": true}",
         "\"name\" must be a JSON string, e.g. \"name\": \"welcome\"; \"body\" must be a JSON string, e.g. \"body\": \"Hello\""),
        ("{\"name\": \"a\\u0000b\"}", "\"name\" contains a NUL character"),
        ("{\"name\": \"big\", \"body\": \"\(String(repeating: "x", count: 140_000))\"}",
         "the request body is larger than 131072 bytes"),
    ]

    @Test func badBodiesAre400AndWriteNothing() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port) { client in
                for (body, message) in Self.badBodies {
                    let reply = try await client.postTemplate(body)
                    #expect(reply.status == .badRequest, "\(body.prefix(40))")
                    #expect(reply.error.hasPrefix(message), "\(body.prefix(40)): \(reply.error)")
                    #expect(reply.object.keys.sorted() == ["error"])
                }
                #expect(try await postgres.sql("select count(*) from template") == "0")
                let metrics = try await client.metrics()
                #expect(metrics["writes"] as? [String: Int] == ["primary": 0, "replica1": 0, "replica2": 0])
            }
        }
    }

    @Test func everyAcknowledgedWriteIsOneRowOnThePrimary() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--query-timeout-ms", "5000"]) { client in
                // Both length limits at once, in code points (é is two UTF-8 bytes).
                let name = String(repeating: "é", count: 200)
                let limits = try await client.postTemplate("{\"name\": \"\(name)\", \"body\": \"\(String(repeating: "b", count: 10_000))\"}")
                #expect(limits.status == .created)
                #expect(limits.object.keys.sorted() == ["id", "node"])
                #expect(limits.object["node"] as? String == "primary")
                let id = try #require(limits.object["id"] as? Int)
                #expect(try await postgres.sql("select char_length(name), char_length(body) from template where id = \(id)") == "200|10000")

                var sequential = 0
                for i in 1...50 {
                    let reply = try await client.postTemplate("{\"name\": \"sequential \(i)\"}")
                    if reply.status == .created, reply.object["node"] as? String == "primary" { sequential += 1 }
                }
                #expect(sequential == 50)
                let concurrent = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 1...20 { group.addTask { try await client.postTemplate("{\"name\": \"concurrent \(i)\"}").status == .created } }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(concurrent == 20)
                // A missing body is stored as the column default ''.
                #expect(try await postgres.sql("select count(*) from template where name like 'sequential %' and body = ''") == "50")
                #expect(try await postgres.sql("select count(*) from template") == "71")
                let metrics = try await client.metrics()
                #expect(metrics["writes"] as? [String: Int] == ["primary": 71, "replica1": 0, "replica2": 0])
                #expect(metrics["writer"] as? String == "primary")
                // Writes are not routed reads.
                #expect(metrics["primary"] as? Int == 0)
            }
        }
    }

    /// With the only writable node stopped, writes are refused before anything is sent (`not_written`):
    /// at first while waiting for a pooled connection, then, once the discovery that wait asked for found
    /// no primary, at once; the writer becomes null and the health check says 503.
    @Test func withTheDatabaseGoneAWriteIs503NotWritten() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--query-timeout-ms", "2000"]) { client in
                #expect(try await client.postTemplate("{\"name\": \"before\"}").status == .created)
                try await postgres.stop()
                var replies: [JSONReply] = []
                for _ in 0..<5 {
                    let start = ContinuousClock.now
                    let reply = try await client.postTemplate("{\"name\": \"nowhere to go\"}")
                    #expect(ContinuousClock.now - start < .milliseconds(2_500), "bounded by --query-timeout-ms")
                    replies.append(reply)
                    if reply.error.hasPrefix("no writable primary found") { break }
                }
                #expect(replies.allSatisfy { $0.status == .serviceUnavailable && $0.object["outcome"] as? String == "not_written" })
                let last = try #require(replies.last)
                #expect(last.error.hasPrefix("no writable primary found: primary: unreachable"), "\(replies.map(\.error))")
                let metrics = try await client.metrics()
                #expect(metrics["writer"] is NSNull)
                #expect(metrics["writes"] as? [String: Int] == ["primary": 1, "replica1": 0, "replica2": 0])
                let health = try await client.get("/health")
                #expect(health.status == .serviceUnavailable)
                #expect(health.error.hasPrefix("database primary unavailable"))
            }
        }
    }
}
