import Foundation
import LoadRunnerTestSupport
import Testing

/// The demo user service routes: `/user/get/{id}`, `/user/search` and `/user/get-ids`.
extension TestServerTests {
    private static func json(_ response: ServerProbe.Response) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body))
    }

    @Test func getIDsReturnsFirstOrRandomIDs() async throws {
        try await TestHTTPServer.withServer(.init(userCount: 50)) { server in
            let table = DemoUsers(count: 50)
            let first = try Self.json(try await Self.get("/user/get-ids?number=3", from: server)) as? [String]
            #expect(first == table.users.prefix(3).map(\.id))
            let random = try Self.json(try await Self.get("/user/get-ids?number=20&random=true", from: server))
            let ids = try #require(random as? [String])
            #expect(ids.count == 20)
            #expect(Set(ids).count == 20)
            #expect(ids.allSatisfy { table.user(id: $0) != nil })
            let capped = try Self.json(try await Self.get("/user/get-ids?number=1000", from: server)) as? [String]
            #expect(capped?.count == 50)
            for bad in ["number=abc", "number=-1", "", "number=5&random=maybe", "number=%zz"] {
                #expect(try await Self.get("/user/get-ids?\(bad)", from: server).status == 400, "\(bad)")
            }
        }
    }

    @Test func getReturnsTheUserOrTheRightError() async throws {
        try await TestHTTPServer.withServer(.init(userCount: 100)) { server in
            let user = DemoUsers(count: 100).users[42]
            let found = try await Self.get("/user/get/\(user.id)", from: server)
            let object = try Self.json(found) as? [String: String]
            #expect(found.status == 200)
            #expect(object?["id"] == user.id)
            #expect(object?["first_name"] == user.firstName)
            #expect(object?["last_name"] == user.lastName)
            #expect(object?["birthday"] == user.birthday)
            #expect(object?["city"] == user.city)
            #expect(try await Self.get("/user/get/\(user.id.uppercased())", from: server).status == 200)
            #expect(try await Self.get("/user/get/00000000-0000-4000-8000-000000000000", from: server).status == 404)
            #expect(try await Self.get("/user/get/not-a-uuid", from: server).status == 400)
            #expect(try await Self.get("/user/get/", from: server).status == 400)
        }
    }

    @Test func searchMatchesPrefixesInIDOrder() async throws {
        try await TestHTTPServer.withServer { server in
            // "Zoë" percent-encoded as UTF-8, and a last name with a space sent as "+".
            let rows = try Self.json(try await Self.get("/user/search?first_name=Zo%C3%AB", from: server))
            let users = try #require(rows as? [[String: String]])
            #expect(!users.isEmpty && users.count <= 100)
            #expect(users.allSatisfy { $0["first_name"] == "Zoë" })
            let ids = users.compactMap { $0["id"] }
            #expect(ids == ids.sorted())
            let both = try Self.json(try await Self.get("/user/search?first_name=A&last_name=Van+D", from: server))
            let matches = try #require(both as? [[String: String]])
            #expect(!matches.isEmpty)
            #expect(matches.allSatisfy { $0["first_name"]?.hasPrefix("A") == true && $0["last_name"] == "Van Dyke" })
            let lower = try Self.json(try await Self.get("/user/search?first_name=zo", from: server)) as? [Any]
            #expect(lower?.isEmpty == true)
            let broad = try Self.json(try await Self.get("/user/search?last_name=S", from: server)) as? [Any]
            #expect(broad?.count == 100)
        }
    }

    @Test func searchWithoutNamesIsABadRequest() async throws {
        try await TestHTTPServer.withServer { server in
            for query in ["", "?first_name=&last_name=", "?city=Oslo", "?first_name=%E2%28"] {
                let response = try await Self.get("/user/search\(query)", from: server)
                #expect(response.status == 400, "\(query)")
                #expect(!response.text.isEmpty)
            }
        }
    }

    @Test func fixedDelayAppliesToUserRoutesOnly() async throws {
        try await TestHTTPServer.withServer(.init(fixedDelay: .milliseconds(40), userCount: 10)) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await Self.get("/user/get-ids?number=1", from: server)
            #expect(response.status == 200)
            #expect(clock.now - started >= .milliseconds(40))
            #expect(server.requests(forPathPrefix: "/user/") == 1)
        }
    }
}
