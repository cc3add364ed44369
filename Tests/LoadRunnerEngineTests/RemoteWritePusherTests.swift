import Foundation
import LoadRunnerLive
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import LoadRunnerText
import Synchronization
import Testing

/// `--out-prometheus`'s pusher against real endpoints: a receiver that never answers (a socket that never accepts) fills the bounded queue, which
/// drops its oldest seconds and counts them, while `push` never waits; the failure is told once.
@Suite struct RemoteWritePusherTests {
    /// A state with `count` completed seconds, each with one request.
    static func states(_ count: Int) -> [LiveState] {
        var state = LiveState(profileName: "p", stages: [Stage(users: 1, spawnRate: 1, duration: .seconds(100), warmup: .zero)],
                              requestNames: [(name: "r", method: "GET")])
        state.start(at: Date(timeIntervalSince1970: 1_800_000_000))
        var states: [LiveState] = []
        for second in 0..<count {
            var latency = LatencyHistogram()
            latency.record(micros: 1000, count: 1)
            let totals = RunningTotals(requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
            let row = IntervalStats(name: "r", method: "GET", requests: 1, failures: 0, bodyBytes: 0, latency: latency, total: totals)
            state.record(SecondSample(
                second: second, unixTime: 1_800_000_001 + second, users: 1, stage: 1, inWindow: true, requests: [row],
                aggregated: row, generatorCPUPercent: 1, schedulingLagMicros: 0))
            states.append(state)
        }
        return states
    }

    /// A socket that listens on 127.0.0.1 but never accepts: connections complete (the kernel's backlog) and a
    /// request sent on one is never answered. Returns the descriptor (close it) and the port.
    static func silentListener() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 16) == 0
                && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(descriptor >= 0 && bound)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aStalledReceiverDropsTheOldestSecondsWithoutHoldingTheRun() async throws {
        let listener = try Self.silentListener()
        defer { close(listener.descriptor) }
        let told = Mutex<[Diagnostic]>([])
        let pusher = RemoteWritePusher(url: "http://127.0.0.1:\(listener.port)/api/v1/write") { diagnostic in
            told.withLock { $0.append(diagnostic) }
        }
        let states = Self.states(RemoteWritePusher.capacity + 10)
        // The first push goes out and is never answered; give the thread a moment to take it.
        pusher.push(states[0])
        try await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        for state in states.dropFirst() { pusher.push(state) }
        pusher.push(states.last!)  // the same second again: not queued twice
        #expect(clock.now - started < .milliseconds(500))
        // 69 queued behind the stalled one, 60 kept: the 9 oldest were dropped.
        #expect(pusher.counts.dropped == 9)
        await pusher.finish(timeout: .milliseconds(200))
        let messages = told.withLock { $0.map(\.message) }
        #expect(messages.contains { $0.contains("9 seconds were dropped") && $0.contains("60 seconds were still unsent at the end") })
    }

    @Test func aReceiverThatRefusesIsToldOnceWithItsStatus() async throws {
        try await TestHTTPServer.withServer { server in
            let told = Mutex<[Diagnostic]>([])
            // The test server answers a POST with 405: a refusal as real as any receiver's.
            let pusher = RemoteWritePusher(url: server.baseURL + "/ok") { diagnostic in told.withLock { $0.append(diagnostic) } }
            for state in Self.states(3) { pusher.push(state) }
            await pusher.finish()
            #expect(pusher.counts.failed == 3)
            #expect(server.requests(forPathPrefix: "/ok") == 3)
            let messages = told.withLock { $0.map(\.message) }
            #expect(messages.filter { $0.contains("failed: HTTP 405: method POST not allowed") }.count == 1)
            #expect(messages.contains { $0.contains("3 pushes failed") })
        }
    }
}
