import Foundation
import LoadRunnerEngine
import LoadRunnerTestSupport
import Testing

/// `monitors:` during a real run: this test process (the engine's own CPU) and a `sleep` killed mid-run.
@Suite(.serialized) struct MonitorEngineTests {
    @Test func monitorsSampleEverySecondAndSurviveADeadProcess() async throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { if sleeper.isRunning { kill(sleeper.processIdentifier, SIGKILL) } }
        let selfPid = ProcessInfo.processInfo.processIdentifier

        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: monitors
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 4, duration: 3s, warmup: 1s }
                monitors:
                  - { name: self, pid: \(selfPid) }
                  - { name: sleeper, pid_file: sleeper.pid }
                """, target: server.baseURL, files: ["sleeper.pid": "\(sleeper.processIdentifier)\n"])
            let killer = Task {
                try await Task.sleep(for: .milliseconds(1_500))
                // SIGKILL: a test runner may have SIGTERM blocked, and children inherit that.
                kill(sleeper.processIdentifier, SIGKILL)
                sleeper.waitUntilExit()
            }
            let (result, observer) = try await EngineHarness.run(profile)
            try await killer.value

            #expect(result.stages[0].aggregated.requests > 0)
            let monitors = try #require(result.monitors)
            #expect(monitors.map(\.name) == ["self", "sleeper"])
            #expect(monitors[0].target == "pid \(selfPid)")
            for monitor in monitors { #expect(monitor.seconds.map(\.second) == [0, 1, 2]) }

            let me = monitors[0]
            #expect(me.seconds.allSatisfy { $0.alive && $0.pid == selfPid && ($0.rssBytes ?? 0) > 0 })
            #expect(me.seconds.compactMap(\.cpuPercent).reduce(0, +) > 0)
            let window = try #require(me.stages.first)
            #expect(window.secondsSampled == 2 && window.secondsAlive == 2)
            #expect((window.cpuPercentMean ?? 0) > 0)

            let sleeping = monitors[1]
            #expect(sleeping.seconds.first?.alive == true)
            #expect(sleeping.seconds.last?.alive == false)
            #expect(sleeping.seconds.last?.reason?.contains("process \(sleeper.processIdentifier)") == true)
            #expect(observer.problems.filter { $0.contains("monitor `sleeper`") }.count == 1)
            #expect(!result.interrupted)
        }
    }

    @Test func aRunWithoutMonitorsHasNone() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, duration: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.monitors == nil)
        }
    }
}
