import Foundation
import LoadRunnerTestSupport
import Testing

/// CR/LF/NUL in header values, from each place a value can come from (the profile, `${ENV}`, a CSV row,
/// a fetched JSON array), through the built binary against a server that counts what it parsed: it sees
/// no smuggled header, no smuggled request, and exactly the requests LoadRunner says it sent.
@Suite(.serialized) struct HeaderInjectionTests {
    /// What a smuggling value carries after its line break: a header, then a whole second request.
    static let payload = "x\r\nX-Smuggled: 1\r\n\r\nGET /SMUGGLED HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    static func profile(headers: String, data: String = "", path: String = "/ok", stage: String = "{ users: 1, requests: 20 }") -> String {
        """
        name: injection
        target: http://127.0.0.1:1
        \(data)
        headers:
        \(headers)
        requests:
          - { name: ok, path: "\(path)" }
        stages:
          - \(stage)
        """
    }

    /// Runs `profile.yaml` in `folder` against `server`; results go to `folder/out`.
    static func run(_ folder: URL, _ server: TestHTTPServer, environment: [String: String] = [:]) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(
            ["run", "profile.yaml", "--target", server.baseURL, "--out", "out"], in: folder, environment: environment,
            timeout: .seconds(60))
    }

    /// The server parsed nothing smuggled: no request to `/SMUGGLED` and no `X-Smuggled` header.
    static func expectNothingSmuggled(_ server: TestHTTPServer) {
        #expect(server.requests(forPathPrefix: "/SMUGGLED") == 0)
        #expect(!server.headerNamesSeen.contains("x-smuggled"))
    }

    @Test func aLiteralValueWithCRLFIsAProfileErrorAndNothingIsSent() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["profile.yaml": Self.profile(headers: #"  X-A: "a\r\nX-Smuggled: b""#)])
            for command in ["validate", "run"] {
                let output = command == "run"
                    ? try await Self.run(folder, server)
                    : try await BinaryRunner.run(["validate", "profile.yaml"], in: folder)
                #expect(output.status == 64, "\(command): \(output.stderr)")
                #expect(output.stderr.contains("profile.yaml:5:"), "\(output.stderr)")
                #expect(output.stderr.contains("headers.X-A holds a line break (CR/LF) or NUL"), "\(output.stderr)")
            }
            #expect(server.requestsServed == 0)
            Self.expectNothingSmuggled(server)
        }
    }

    @Test func anEnvironmentValueWithCRLFNamesTheVariableButNeverShowsIt() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["profile.yaml": Self.profile(headers: #"  X-Token: "Bearer ${LR_TEST_TOKEN}""#)])
            let secret = "s3cret-" + Self.payload
            let output = try await Self.run(folder, server, environment: ["LR_TEST_TOKEN": secret])
            #expect(output.status == 64, "\(output.stderr)")
            #expect(output.stderr.contains("headers.X-Token uses ${LR_TEST_TOKEN}, whose value holds a line break"), "\(output.stderr)")
            #expect(!output.stderr.contains("s3cret") && !output.stdout.contains("s3cret"))
            #expect(!output.stderr.contains("SMUGGLED"))
            #expect(server.requestsServed == 0)
            Self.expectNothingSmuggled(server)
        }
    }

    @Test func aQuotedCSVFieldWithCRLFIsRefusedInAHeaderButEncodedInAPath() async throws {
        let csv = "id,note\n1,plain\n2,\"" + Self.payload.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n"
        try await TestHTTPServer.withServer { server in
            let refused = try BinaryRunner.folder([
                "users.csv": csv,
                "profile.yaml": Self.profile(headers: #"  X-Note: "{{ users.note }}""#, data: "data: { users: { csv: users.csv } }"),
            ])
            let validate = try await BinaryRunner.run(["validate", "profile.yaml"], in: refused)
            #expect(validate.status == 64, "\(validate.stderr)")
            let output = try await Self.run(refused, server)
            #expect(output.status == 64, "\(output.stderr)")
            #expect(output.stderr == validate.stderr)
            #expect(output.stderr.contains("headers.X-Note sends `{{ users.note }}`, but data.users at "), "\(output.stderr)")
            #expect(output.stderr.contains("users.csv line 3, column \"note\" holds a line break (CR/LF) or NUL"), "\(output.stderr)")
            #expect(server.requestsServed == 0)

            // The same value in a path is percent-encoded: every request arrives whole, as one request.
            let encoded = try BinaryRunner.folder([
                "users.csv": csv,
                "profile.yaml": Self.profile(headers: "  X-Plain: yes", data: "data: { users: { csv: users.csv } }",
                                             path: "/echo/{{ users.note }}"),
            ])
            let sent = try await Self.run(encoded, server)
            // `/echo/...` answers 404, so no request succeeds (exit 96); what counts here is what the server parsed.
            #expect(sent.status == 96, "\(sent.stderr)")
            #expect(server.requestsServed == 20)
            #expect(server.requests(forPathPrefix: "/echo/") == 20)
            Self.expectNothingSmuggled(server)
        }
    }

    @Test func aFetchedValueWithCRLFFailsItsRequestAsInvalidValueAndIsNeverSent() async throws {
        let array = #"["good", "\#(Self.payload.replacingOccurrences(of: "\r", with: #"\r"#).replacingOccurrences(of: "\n", with: #"\n"#))"]"#
        try await TestHTTPServer.withServer(.init(jsonRoutes: ["/tokens": array])) { server in
            let folder = try BinaryRunner.folder(["profile.yaml": Self.profile(
                headers: #"  X-Token: "t={{ tokens }}""#, data: "data: { tokens: { fetch: /tokens } }",
                stage: "{ users: 2, requests: 60 }")])
            let output = try await Self.run(folder, server)
            #expect(output.status == 0, "\(output.stderr)")

            let result = try Self.result(folder)
            let stage = try #require((result["stages"] as? [[String: Any]])?.first)
            let aggregated = try #require(stage["aggregated"] as? [String: Any])
            #expect(aggregated["requests"] as? Int == 60)
            let refused = (aggregated["failuresByCategory"] as? [String: Int])?["invalid_value"] ?? 0
            // One request for the fetch, then exactly the requests that were not refused.
            #expect(server.requests(forPathPrefix: "/tokens") == 1)
            #expect(server.requests(forPathPrefix: "/ok") == 60 - refused)
            #expect(server.requestsServed == 1 + 60 - refused)
            Self.expectNothingSmuggled(server)

            #expect(refused > 0 && refused < 60, "each of 60 requests picks the bad value with probability 1/2")
            #expect(aggregated["failures"] as? Int == refused)
            let failures = try #require(result["failures"] as? [[String: Any]])
            #expect(failures.map { $0["category"] as? String } == ["invalid_value"])
            #expect(failures.first?["message"] as? String
                == "not sent: header X-Token took a value with a line break (CR/LF) or NUL from data.tokens")
            #expect(failures.first?["occurrences"] as? Int == refused)
            let locustFailures = try String(contentsOf: folder.appendingPathComponent("out/locust_failures.csv"), encoding: .utf8)
            #expect(locustFailures.contains("GET,ok,not sent: header X-Token took a value"))
            let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
            #expect(report.contains("| invalid_value |"))
        }
    }

    static func result(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("out/result.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
