@testable import LoadRunnerTestSupport
import Testing

/// The test server's pure parts: the demo table, query decoding, routing and loopback checks.
extension TestServerTests {
    @Test func demoTableIsDeterministicAndWellFormed() {
        let table = DemoUsers(count: 2000)
        #expect(table.users == DemoUsers(count: 2000).users)
        #expect(table.users.first?.id == DemoUsers(count: 2000, seed: DemoUsers.defaultSeed).users.first?.id)
        #expect(table.users.map(\.id) == table.users.map(\.id).sorted())
        #expect(Set(table.users.map(\.id)).count == 2000)
        #expect(table.users.allSatisfy { DemoUsers.normalizedUUID($0.id) == $0.id })
        #expect(table.users.allSatisfy { $0.birthday >= "1950-01-01" && $0.birthday <= "2005-12-31" })
        #expect(DemoUsers(count: -3).count == 0)
        #expect(DemoUsers.firstNames.count == 50 && DemoUsers.lastNames.count == 50)
        #expect(Set(DemoUsers.firstNames).count == 50 && Set(DemoUsers.lastNames).count == 50)
    }

    @Test func namesCSVHasAHeaderAndDistinctExistingPairs() {
        let table = DemoUsers(count: 10_000)
        let lines = table.namesCSV().split(separator: "\n").map(String.init)
        #expect(lines.first == "first_name,last_name")
        #expect(lines.count == 501)
        #expect(Set(lines).count == 501)
        let pairs = Set(table.users.map { "\($0.firstName),\($0.lastName)" })
        #expect(lines.dropFirst().allSatisfy { pairs.contains($0) })
        #expect(DemoUsers.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test func queryParametersDecodePercentAndPlus() throws {
        let query = try QueryParameters(parsing: "first_name=Jos%C3%A9&last_name=Van+Dyke&x&first_name=ignored")
        #expect(query["first_name"] == "José")
        #expect(query["last_name"] == "Van Dyke")
        #expect(query["x"] == "")
        #expect(query.nonEmpty("x") == nil)
        #expect(query["missing"] == nil)
        #expect(throws: QueryParameters.MalformedQuery.self) { try QueryParameters(parsing: "a=%4") }
        #expect(throws: QueryParameters.MalformedQuery.self) { try QueryParameters(parsing: "a=%FF") }
    }

    @Test func routesParseFromMethodAndURI() {
        #expect(TestRoute(method: "GET", uri: "/ok") == .ok)
        #expect(TestRoute(method: "GET", uri: "/ok?x=1") == .ok)
        #expect(TestRoute(method: "GET", uri: "/delay/20") == .delay(milliseconds: 20))
        #expect(TestRoute(method: "GET", uri: "/bytes/7") == .bytes(count: 7))
        #expect(TestRoute(method: "DELETE", uri: "/echo") == .echo)
        #expect(TestRoute(method: "POST", uri: "/ok") == .methodNotAllowed)
        #expect(TestRoute(method: "GET", uri: "/user/get/abc") == .userGet(id: "abc"))
        #expect(TestRoute(method: "GET", uri: "/user/search?a=b") == .userSearch(query: "a=b"))
        #expect(TestRoute(method: "GET", uri: "") == .notFound)
        #expect(TestRoute(method: "GET", uri: "*") == .notFound)
        #expect(TestRoute(method: "GET", uri: "//") == .notFound)
    }

    @Test func pauseRoutesParseTheirWindow() {
        #expect(TestRoute(method: "GET", uri: "/pause/2500/4000") == .pause(fromMilliseconds: 2500, untilMilliseconds: 4000))
        #expect(TestRoute(method: "GET", uri: "/pause/0/0") == .pause(fromMilliseconds: 0, untilMilliseconds: 0))
        for bad in ["/pause/4000/2500", "/pause/x/1", "/pause/-1/5", "/pause/1/86400001"] {
            guard case .badRequest = TestRoute(method: "GET", uri: bad) else {
                Issue.record("\(bad) should be refused")
                continue
            }
        }
        #expect(TestRoute(method: "GET", uri: "/pause/1") == .notFound)
    }

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("127.8.9.10", "127.8.9.10"), ("localhost", "127.0.0.1"),
        ("LOCALHOST", "127.0.0.1"), ("::1", "::1"), ("[::1]", "::1"), ("0:0:0:0:0:0:0:1", "::1"),
    ])
    func loopbackHostsAreAccepted(host: String, bindAddress: String) {
        #expect(LoopbackHost.bindAddress(for: host) == bindAddress)
    }

    @Test(arguments: ["0.0.0.0", "10.0.0.1", "128.0.0.1", "::", "::ffff:127.0.0.1", "example.com", "", "127.1"])
    func otherHostsAreRefused(host: String) {
        #expect(LoopbackHost.bindAddress(for: host) == nil)
    }

    @Test func civilDatesMatchKnownDays() {
        #expect(CivilDate(daysSinceEpoch: 0).isoString == "1970-01-01")
        #expect(CivilDate(daysSinceEpoch: -7305).isoString == "1950-01-01")
        #expect(CivilDate(daysSinceEpoch: 13148).isoString == "2005-12-31")
        #expect(CivilDate(daysSinceEpoch: 11016).isoString == "2000-02-29")
    }
}
