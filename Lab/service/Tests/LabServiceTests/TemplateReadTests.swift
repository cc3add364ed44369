import Foundation
import HummingbirdTesting
import Testing

@testable import LabService

/// `GET /template/{id}` and `X-Served-By` against a real PostgreSQL: a row written with `POST /template` read back
/// as SQL sees it, 404 for an id the node does not have, 400 for a bad id (reaching no database), every routed
/// read (templates and users) naming its node in `X-Served-By`, and 503 naming the standby that is down. A read
/// that is stale because a standby has not replayed the insert needs the three-node lab: `test-service.sh`.
@Suite struct TemplateReadTests {
    @Test func aWrittenRowReadsBackWithTheNodeThatAnswered() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--reads", "primary"]) { client in
                let created = try await client.postTemplate(#"{"name": "read me", "body": "back \"quoted\""}"#)
                #expect(created.status == .created)
                let id = try #require(created.object["id"] as? Int)

                let read = try await client.get("/template/\(id)")
                #expect(read.status == .ok)
                #expect(read.servedBy == "primary")
                #expect(read.object.keys.sorted() == ["body", "id", "name", "node"])
                #expect(read.object["id"] as? Int == id && read.object["node"] as? String == "primary")
                let row = try await postgres.sql("select name || '|' || body from template where id = \(id)")
                #expect("\(read.object["name"] as? String ?? "")|\(read.object["body"] as? String ?? "")" == row)

                let absent = try await postgres.sql("select coalesce(max(id), 0) + 1000 from template")
                let missing = try await client.get("/template/\(absent)")
                #expect(missing.status == .notFound)
                #expect(missing.servedBy == "primary")
                #expect(missing.error == "no template with id \(absent)")
                #expect(missing.object["node"] as? String == "primary")

                for bad in ["abc", "0", "-3", "1.5", "99999999999999999999"] {
                    let reply = try await client.get("/template/\(bad)")
                    #expect(reply.status == .badRequest, "\(bad)")
                    #expect(reply.error == "\"\(bad)\" is not a template id; give the positive integer POST /template returned, e.g. /template/42")
                    #expect(reply.servedBy == nil, "\(bad): no node was asked")
                }

                // User reads name their node too: 200, 404 and the list routes.
                let userID = try await postgres.sql("select id from users order by id limit 1")
                for uri in ["/user/get/\(userID)", "/user/get/00000000-0000-0000-0000-000000000000",
                            "/user/search?first_name=A", "/user/get-ids?number=2"] {
                    #expect(try await client.get(uri).servedBy == "primary", "\(uri)")
                }
                // Two template reads and four user reads were routed; the 400s and the write were not.
                let metrics = try await client.metrics()
                #expect(metrics["primary"] as? Int == 6)
                #expect(metrics["replica1"] as? Int == 0 && metrics["replica2"] as? Int == 0)
            }
        }
    }

    /// Both standbys are down here: every read is 503, and `X-Served-By` names the same node as the message.
    @Test func aReadOnADownStandbyNamesItIn503() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--reads", "replicas", "--query-timeout-ms", "500"]) { client in
                let created = try await client.postTemplate(#"{"name": "on the primary only"}"#)
                let id = try #require(created.object["id"] as? Int)
                for uri in ["/template/\(id)", "/template/\(id)", "/template/\(id)", "/user/search?first_name=A"] {
                    let reply = try await client.get(uri)
                    #expect(reply.status == .serviceUnavailable)
                    let node = try #require(reply.servedBy, "\(uri)")
                    #expect(["replica1", "replica2"].contains(node))
                    #expect(reply.error.hasPrefix("database \(node) unavailable"), "\(reply.error)")
                }
                let metrics = try await client.metrics()
                #expect((metrics["replica1"] as? Int ?? 0) + (metrics["replica2"] as? Int ?? 0) == 4)
                #expect(metrics["primary"] as? Int == 0)
            }
        }
    }
}
