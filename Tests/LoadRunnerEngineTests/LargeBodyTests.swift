import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// A transfer's receive buffer is sized for small bodies (`TransferSettings.receiveBufferBytes`, a few KiB per user
/// instead of libcurl's 16 KiB): a body of 1 MiB still arrives whole, in many reads, and every byte is counted, with
/// a Content-Length and without one (chunked). The truth is the test server's count of requests times 1,048,576.
@Suite(.serialized) struct LargeBodyTests {
    static let bodyBytes = 1_048_576

    /// Two users that start a request every 200 ms for 2 s (a 1 MiB body takes milliseconds on loopback).
    static func profile(path: String, target: String, assert: String = "") throws -> Profile {
        try EngineHarness.profile("""
            name: large bodies
            target: http://127.0.0.1:1
            requests:
              - { name: get, path: "\(path)"\(assert) }
            think_time: { pacing: 200ms }
            stages:
              - { users: 2, spawn_rate: 1000, duration: 2s }
            """, target: target)
    }

    @Test(arguments: ["/bytes/\(bodyBytes)", "/bytes/\(bodyBytes)?chunked"])
    func everyByteOfAMebibyteBodyIsCounted(path: String) async throws {
        try await TestHTTPServer.withServer { server in
            let (result, _) = try await EngineHarness.run(try Self.profile(path: path, target: server.baseURL))
            let stage = try #require(result.stages.first)
            let sent = server.requests(forPathPrefix: "/bytes/\(Self.bodyBytes)")
            #expect(sent >= 10)
            #expect(stage.aggregated.requests == UInt64(sent))
            #expect(stage.aggregated.failures == 0)
            #expect(stage.aggregated.bodyBytes == UInt64(sent) * UInt64(Self.bodyBytes))
        }
    }

    /// A kept body (`assert:`) after the transfer moved to a larger receive buffer: the copy of the handle fills the
    /// same kept buffer, which asks the new handle for the announced length; every assertion holds.
    @Test func aKeptBodyOfAMebibyteIsJudgedWhole() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(
                path: "/bytes/\(Self.bodyBytes)", target: server.baseURL, assert: #", assert: [ "body contains xxxxxxxx" ]"#)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = try #require(result.stages.first)
            let sent = server.requests(forPathPrefix: "/bytes/\(Self.bodyBytes)")
            #expect(sent >= 10)
            #expect(stage.aggregated.requests == UInt64(sent))
            #expect(stage.aggregated.failures == 0)
            #expect(stage.aggregated.bodyBytes == UInt64(sent) * UInt64(Self.bodyBytes))
        }
    }
}
