import Foundation
@testable import LoadRunnerEngine
import Testing

/// The engine's own guards against header injection: a CSV changed after the profile was read is refused
/// when the run loads it, and libcurl speaks only HTTP(S).
@Suite struct HeaderDataLoadTests {
    static let settings = TransferSettings(
        timeoutMillis: 5_000, connectTimeoutMillis: 5_000, http2: false, https: false, insecure: false, userAgent: "test")

    @Test func aCSVRowChangedSinceValidationIsRefusedWhenTheRunLoadsIt() async throws {
        let profile = try EngineHarness.profile("""
            target: http://127.0.0.1:1
            data:
              users: { csv: users.csv }
            requests:
              - { name: a, path: /ok, headers: { X-Note: "{{ users.note }}" } }
            stages:
              - { users: 1, duration: 1s }
            """, target: "http://127.0.0.1:1", files: ["users.csv": "id,note\n1,fine\n"])
        let path = profile.baseDirectory + "/users.csv"
        try "id,note\n1,fine\n2,\"bad\r\nX-Smuggled: 1\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let loader = DataLoader(profile: profile, fetcher: BodyFetcher(settings: Self.settings))
        let error = await #expect(throws: EngineError.self) { try await loader.load() }
        #expect(error == .dataSource("data.users: \(path) line 3, column \"note\" holds a line break (CR/LF) or NUL, "
            + "and header X-Note sends it; it would end the header early and send the rest as another header or "
            + "request. Remove it from the data, or use that value only in a path, query or body"))
    }

    @Test func aCSVValueUsedOnlyInAPathLoads() async throws {
        let profile = try EngineHarness.profile("""
            target: http://127.0.0.1:1
            data:
              users: { csv: users.csv }
            requests:
              - { name: a, path: "/u/{{ users.note }}", headers: { X-Id: "{{ users.id }}" } }
            stages:
              - { users: 1, duration: 1s }
            """, target: "http://127.0.0.1:1", files: ["users.csv": "id,note\n1,\"bad\r\nX-Smuggled: 1\"\n"])
        let sources = try await DataLoader(profile: profile, fetcher: BodyFetcher(settings: Self.settings)).load()
        #expect(sources.map(\.rowCount) == [1])
    }

    @Test func transfersSpeakOnlyHTTPAndHTTPS() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lr-proto-\(UUID().uuidString).json")
        try "[1, 2, 3]".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fetcher = BodyFetcher(settings: Self.settings)
        let error = await #expect(throws: EngineError.self) {
            try await fetcher.fetch(url: file.absoluteString, sourceName: "ids", maxBytes: 1 << 20) { $0.count }
        }
        #expect(error?.text.contains("Unsupported protocol") == true, "\(String(describing: error))")
    }
}
