import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// Whether the saturated flag fires, against real servers: one curl loop driving 100 users against nginx
/// is busy all the time (it can use one core at most), while 10 users against a 20 ms server leave it idle.
@Suite(.serialized) struct GeneratorSaturationEngineTests {
    @Test func oneLoopDrivingAHundredUsersAgainstNginxIsFlagged() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile("""
                name: one-loop
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 100, spawn_rate: 1000, duration: 6s, warmup: 1s }
                """, target: nginx.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stage = result.stages[0]
            let generator = stage.generator
            #expect(stage.aggregated.requests > 1_000)
            let loops = try #require(generator.loops)
            #expect(loops.count == 1)
            #expect(loops[0].loop == 1 && loops[0].users == 100)
            // The monitor measured about the 5 s window, one sample a second.
            #expect(loops[0].measuredSeconds >= 3.5 && loops[0].measuredSeconds <= 6)
            #expect(loops[0].busySeconds <= loops[0].measuredSeconds)
            // A thread's CPU can not exceed one core (ticks are coarse: 10 ms a second).
            #expect(loops[0].cpuPercent <= 103)
            // The loop thread is part of the process, and both were read at the same moments.
            #expect(loops[0].cpuPercent <= generator.cpuPercent + 3)
            #expect(generator.saturated)
            let cause = try #require(generator.saturationCause)
            #expect(cause.loop == 1 && cause.users == 100)
            // Busy on a quiet machine; on a loaded one, starved of CPU (its thread waits on a run queue), its users
            // start late instead.
            #expect([.loopBusy, .loopStarved, .loopLag].contains(cause.kind))
            let warning = try #require(ReportWarning.warnings(for: result).first)
            #expect(warning.message.contains("curl loop 1 (100 users)"))
            // More loops help a busy or late loop; a starved one needs the CPU the machine's other work holds.
            #expect(warning.message.contains(cause.kind == .loopStarved ? "did not give the load generator's thread the CPU" : "--loops"))
        }
    }

    @Test func tenUsersAgainstASlowServerAreNotFlagged() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: calm
                target: http://127.0.0.1:1
                requests:
                  - { name: slow, path: /delay/20 }
                stages:
                  - { users: 10, spawn_rate: 100, duration: 5s, warmup: 1s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let stage = result.stages[0]
            let generator = stage.generator
            let loops = try #require(generator.loops)
            #expect(loops.count == 1 && loops[0].users == 10)
            // Ten users waiting on a 20 ms server leave the loop idle, so it is flagged only when the machine itself
            // keeps no time: when a timer on Swift's task pool (measured beside the loop, the machine's own lateness)
            // fired more than 1 ms late at p99, the loop's lag is the machine's, and the flag is right; not judged then.
            if generator.schedulingLagP99Micros <= 1_000 {
                #expect(!generator.saturated)
                #expect(generator.saturationCause == nil)
            }
            #expect(loops[0].busySeconds == 0)
            #expect(loops[0].busyPercent < 50)
            #expect(loops[0].measuredSeconds >= 2.5 && loops[0].measuredSeconds <= 5)
            // Each request of the window but a user's first followed its previous response: one lag sample each,
            // give or take the requests that straddle the window's edges.
            let requests = Int(stage.aggregated.requests)
            #expect(requests > 10 * 4 * 30)
            #expect(abs(Int(loops[0].userLag.count) - requests) <= 2 * 10)
            // Requests are 20 ms apart per user: a lag near that would mean the loop, not the server, set the pace.
            #expect(loops[0].userLag.micros(atPercentile: 50) < 2_000)
        }
    }
}
