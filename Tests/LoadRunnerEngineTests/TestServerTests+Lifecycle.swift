import LoadRunnerTestSupport
import Testing

/// Starting and stopping `TestHTTPServer`: shutdown is idempotent and `withServer` always runs it.
extension TestServerTests {
    private struct Planned: Error {}

    @Test func withServerShutsDownWhenTheBodyThrows() async throws {
        var seenPort = 0
        await #expect(throws: Planned.self) {
            try await TestHTTPServer.withServer { server in
                seenPort = server.port
                throw Planned()
            }
        }
        let port = seenPort
        let refused = try await ServerProbe.run { (try? ServerProbe(port: port)) == nil }
        #expect(refused)
    }

    @Test func withServerReturnsTheBodysResult() async throws {
        let port = try await TestHTTPServer.withServer { $0.port }
        #expect(port > 0)
        let refused = try await ServerProbe.run { (try? ServerProbe(port: port)) == nil }
        #expect(refused)
    }

    @Test func shutdownIsIdempotentAndConcurrentSafe() async throws {
        let server = try await TestHTTPServer.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try await server.shutdown() }
            }
            try await group.waitForAll()
        }
        try await server.shutdown()
    }

    @Test func startRejectsBadPortsAndBusyPorts() async throws {
        await #expect(throws: TestHTTPServer.StartError.self) {
            _ = try await TestHTTPServer.start(port: 70_000)
        }
        try await TestHTTPServer.withServer { server in
            await #expect(throws: (any Error).self) {
                _ = try await TestHTTPServer.start(port: server.port)
            }
        }
    }

    @Test func aChosenPortAndSeveralThreadsWork() async throws {
        let first = try await TestHTTPServer.start()
        let port = first.port
        try await first.shutdown()
        let configuration = TestHTTPServer.Configuration(eventLoopThreads: 2, userCount: 10)
        let server = try await TestHTTPServer.start(port: port, configuration: configuration)
        #expect(server.port == port)
        #expect(try await Self.get("/ok", from: server).status == 200)
        try await server.shutdown()
    }
}
