import Foundation
import HummingbirdTesting
import Testing

@testable import LabService

/// The read routes against a real PostgreSQL seeded as the lab seeds it: answers checked against SQL run
/// on the same server, and the count of routed reads per node.
@Suite struct UserRoutesTests {
    static let users = 2_000

    @Test func readsOnThePrimaryAnswerWhatTheDatabaseHolds() async throws {
        try await ThrowawayPostgres.with(users: Self.users) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--reads", "primary"]) { client in
                let health = try await client.get("/health")
                #expect(health.status == .ok)
                #expect(health.object["ok"] as? Bool == true && health.object["reads"] as? String == "primary")

                let random = try await client.get("/user/get-ids?number=50&random=true")
                #expect(random.status == .ok)
                let ids = random.array.compactMap { $0 as? String }
                #expect(ids.count == 50 && Set(ids).count == 50)
                let quoted = ids.map { "'\($0)'" }.joined(separator: ",")
                #expect(try await postgres.sql("select count(*) from users where id in (\(quoted))") == "50")

                let first = try await client.get("/user/get-ids?number=3")
                let firstByID = try await postgres.sql(
                    "select string_agg(id::text, ',' order by id) from (select id from users order by id limit 3) s")
                #expect(first.array.compactMap { $0 as? String }.joined(separator: ",") == firstByID)

                let id = try #require(ids.first)
                let user = try await client.get("/user/get/\(id)")
                #expect(user.status == .ok)
                #expect(user.object.keys.sorted() == ["biography", "birthday", "city", "first_name", "id", "last_name"])
                #expect(user.object["id"] as? String == id)
                let row = try await postgres.sql("select first_name, last_name, city from users where id = '\(id)'")
                #expect([user.object["first_name"], user.object["last_name"], user.object["city"]]
                    .map { $0 as? String ?? "" }.joined(separator: "|") == row)

                let unknown = try await client.get("/user/get/00000000-0000-0000-0000-000000000000")
                #expect(unknown.status == .notFound)
                #expect(unknown.error == "no user with id 00000000-0000-0000-0000-000000000000")

                // The prefixes of a user that exists, so the search has matches; their count comes from SQL.
                let prefixes = try await postgres.sql("select left(first_name, 2) || '|' || left(last_name, 2) from users order by id limit 1")
                let (firstPrefix, lastPrefix) = (String(prefixes.prefix(2)), String(prefixes.suffix(2)))
                let search = try await client.get("/user/search?first_name=\(firstPrefix)&last_name=\(lastPrefix)")
                #expect(search.status == .ok)
                let found = search.array.compactMap { $0 as? [String: Any] }
                let expected = try await postgres.sql(
                    "select least(count(*), 100) from users where first_name like '\(firstPrefix)%' and last_name like '\(lastPrefix)%'")
                #expect(String(found.count) == expected)
                #expect(found.count > 0)
                #expect(found.allSatisfy {
                    ($0["first_name"] as? String ?? "").hasPrefix(firstPrefix) && ($0["last_name"] as? String ?? "").hasPrefix(lastPrefix)
                })
                let foundIds = found.compactMap { $0["id"] as? String }
                #expect(foundIds == foundIds.sorted())
                // `%` and `_` match literally.
                let percent = try await client.get("/user/search?first_name=%25")
                #expect(percent.status == .ok && percent.array.isEmpty)
                let underscore = try await client.get("/user/search?last_name=_mith")
                #expect(underscore.status == .ok && underscore.array.isEmpty)

                for _ in 0..<50 { _ = try await client.get("/user/get/\(id)") }
                // 50 gets + 7 earlier reads (2 get-ids, 2 gets, 3 searches); /health is not a routed read.
                let metrics = try await client.metrics()
                #expect(metrics["primary"] as? Int == 57)
                #expect(metrics["replica1"] as? Int == 0 && metrics["replica2"] as? Int == 0)
                #expect(metrics["writer"] as? String == "primary")
            }
        }
    }

    /// Bad input is 400 with a message, and reaches no database (no routed read is counted).
    @Test func badInputIs400AndReadsNothing() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port) { client in
                let cases: [(String, String)] = [
                    ("/user/get/not-a-uuid", "\"not-a-uuid\" is not a uuid"),
                    ("/user/search", "give first_name or last_name"),
                    ("/user/search?first_name=&last_name=", "give first_name or last_name"),
                    ("/user/get-ids?number=abc", "number \"abc\" must be an integer from 1 to 100000"),
                    ("/user/get-ids?number=100001", "number \"100001\" must be an integer from 1 to 100000"),
                    ("/user/get-ids?number=0", "number \"0\" must be an integer from 1 to 100000"),
                    ("/user/get-ids", "number \"\" must be an integer"),
                    ("/user/get-ids?number=3&random=maybe", "random \"maybe\" must be true or false"),
                ]
                for (uri, message) in cases {
                    let reply = try await client.get(uri)
                    #expect(reply.status == .badRequest, "\(uri)")
                    #expect(reply.error.hasPrefix(message), "\(uri): \(reply.error)")
                }
                let metrics = try await client.metrics()
                #expect(metrics["primary"] as? Int == 0 && metrics["replica1"] as? Int == 0 && metrics["replica2"] as? Int == 0)
            }
        }
    }

    /// `--reads replicas` sends each read to a random standby; both are down here, so every read is 503
    /// naming its node, each is counted on that node, and the health check (the primary) stays 200.
    @Test func readsOnTheReplicasGoToTheStandbysAndSay503WhenTheyAreDown() async throws {
        try await ThrowawayPostgres.with(users: 10) { postgres in
            try await LabServiceFixture.withRoutes(primaryPort: postgres.port, ["--reads", "replicas", "--query-timeout-ms", "500"]) { client in
                let id = try await postgres.sql("select id from users order by id limit 1")
                let replies = try await withThrowingTaskGroup(of: JSONReply.self) { group in
                    for _ in 0..<20 { group.addTask { try await client.get("/user/get/\(id)") } }
                    return try await group.reduce(into: [JSONReply]()) { $0.append($1) }
                }
                #expect(replies.allSatisfy { $0.status == .serviceUnavailable })
                #expect(replies.allSatisfy {
                    $0.error.hasPrefix("database replica1 unavailable") || $0.error.hasPrefix("database replica2 unavailable")
                })
                let metrics = try await client.metrics()
                #expect(metrics["primary"] as? Int == 0)
                let (one, two) = (metrics["replica1"] as? Int ?? 0, metrics["replica2"] as? Int ?? 0)
                #expect(one + two == 20)
                #expect(one == replies.filter { $0.error.hasPrefix("database replica1") }.count)
                let health = try await client.get("/health")
                #expect(health.status == .ok && health.object["reads"] as? String == "replicas")
            }
        }
    }
}
