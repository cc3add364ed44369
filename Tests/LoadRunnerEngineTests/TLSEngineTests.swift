import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerTestSupport
import Testing

/// TLS and HTTP/2 through libcurl's options, against a real nginx with a self-signed certificate.
@Suite(.serialized, .enabled(if: TLSTestServer.isAvailable, "needs nginx and openssl (make test installs them)"))
struct TLSEngineTests {
    static func profile(target: String, extra: String) throws -> Profile {
        try EngineHarness.profile("""
            name: tls
            target: https://127.0.0.1:1
            \(extra)
            requests:
              - { name: tls, path: /hello }
            stages:
              - { users: 3, duration: 1s }
            """, target: target)
    }

    @Test(arguments: ["http2: false", "http2: true"])
    func insecureSkipsVerificationOfASelfSignedCertificate(http2: String) async throws {
        try await TLSTestServer.withServer { server in
            let (result, _) = try await EngineHarness.run(try Self.profile(target: server.baseURL, extra: "insecure: true\n\(http2)"))
            let stats = result.stages[0].aggregated
            #expect(stats.requests > 10)
            #expect(stats.failures == 0)
            #expect(stats.timing.tlsMicros > 0)
            #expect(stats.newConnections >= 1 && stats.newConnections <= 3)
        }
    }

    @Test func verificationIsOnByDefaultAndItsFailureIsATLSFailure() async throws {
        try await TLSTestServer.withServer { server in
            let (result, _) = try await EngineHarness.run(try Self.profile(target: server.baseURL, extra: "think_time: 50ms"))
            let stats = result.stages[0].aggregated
            #expect(stats.requests > 0)
            #expect(stats.failuresByCategory[.tls] == stats.requests)
        }
    }
}
