import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// Why an open stage's arrivals waited for a connection, against runs where the answer is known in advance: a
/// rate step the pool must grow for (1,000/s against a 100 ms answer needs about 100 connections, and the pool
/// opens a burst of 32, then earns one connection per arrival only once the first answers are in), a calm stage
/// that never waits, a cap the target's service time explains (Little's law: 100/s × 100 ms = 10 connections, the
/// cap is 5), and a cap that nginx's service time does not explain (10,000/s × well under 1 ms, the cap is 50).
@Suite(.serialized) struct OpenPoolCauseEngineTests {
    /// The stage's open counts and figures, for a failed expectation.
    static func seen(_ figures: OpenStageFigures) -> String {
        "due \(figures.open.due), sent \(figures.open.sent), missed \(figures.open.missed), grew-waits "
            + "\(figures.open.waitedForPoolGrowth.map(String.init) ?? "nil"), opened \(figures.open.connectionsOpened), "
            + "peak \(figures.open.peakInFlight), lag p99 \(figures.lagP99Micros ?? 0) µs, service mean "
            + "\(figures.serviceMeanMicros ?? 0) µs, saturated \(figures.generatorSaturation ?? "no")"
    }

    /// A step to 1,000/s against a 100 ms answer: the first tenth of a second's arrivals wait while the pool grows
    /// (32 at once, a tenth of a connection per arrival until the first answer says what Little's law needs), so
    /// about 60 of 2,000 arrivals wait up to ~70 ms: more than 1%, so lag p99 is late and the stage is behind, and
    /// the report names the growing pool, not the cap (10,000, never reached). 50/s against a 10 ms answer (one
    /// connection at a time) never waits.
    @Test(arguments: [(rate: 1000, path: "/delay/100", grows: true), (rate: 50, path: "/delay/10", grows: false)])
    func aStepThePoolMustGrowForSaysSo(rate: Int, path: String, grows: Bool) async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: growing pool
                target: http://127.0.0.1:1
                requests:
                  - { name: slow, path: \(path) }
                stages:
                  - { rate: \(rate)/s, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let figures = try #require(OpenStageFigures(result.stages[0]))
            let seen = Self.seen(figures)
            #expect(figures.open.due == UInt64(2 * rate), "\(seen)")
            #expect(figures.open.sent == UInt64(server.requestsServed), "\(seen)")
            #expect(!figures.open.reachedMaxConnections, "\(seen)")
            guard grows else {
                #expect(figures.open.waitedForPoolGrowth == 0, "\(seen)")
                #expect(figures.cause != .poolGrowing, "\(seen)")
                return
            }
            // Ground truth: the 33rd arrival (at 33 ms) finds the 32 connections of the burst busy until 100 ms.
            #expect((figures.open.waitedForPoolGrowth ?? 0) > 20, "\(seen)")
            #expect(figures.isBehind, "\(seen)")
            // On a machine too loaded to keep time the generator's own saturation comes first, and rightly.
            guard figures.generatorSaturation == nil else { return }
            #expect(figures.cause == .poolGrowing, "\(seen)")
            let behind = try #require(ReportWarning.warnings(for: result).first {
                if case .openStageBehind = $0 { true } else { false }
            })
            #expect(behind.message.contains("The pool was still growing at its paced rate: "), "\(behind.message)")
            #expect(behind.message.contains("max_connections (10000) is not the limit here"), "\(behind.message)")
            #expect(MarkdownReport.render(result).contains(behind.message))
        }
    }

    /// `max_connections: 5` against a 100 ms answer at 100/s: Little's law needs 10 connections (100/s × the mean
    /// service time of just over 100 ms), at least a quarter of the cap, so the full pool is the target's doing.
    @Test func aCapTheServiceTimeExplainsIsTheTargets() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: cap
                target: http://127.0.0.1:1
                max_connections: 5
                requests:
                  - { name: slow, path: /delay/100 }
                stages:
                  - { rate: 100/s, duration: 2s }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            let figures = try #require(OpenStageFigures(result.stages[0]))
            let seen = Self.seen(figures)
            #expect(figures.open.reachedMaxConnections && figures.open.peakInFlight == 5, "\(seen)")
            // 100 arrivals a second over 2 s, answered in 100 ms (a loaded machine adds to it, never takes away).
            let explained = try #require(figures.explainedConnections)
            #expect(explained >= 9.9 && explained < 20, "\(seen)")
            #expect(figures.targetExplainsCap && figures.isBehind, "\(seen)")
            guard figures.generatorSaturation == nil else { return }
            #expect(figures.cause == .poolAtCap, "\(seen)")
            let behind = try #require(ReportWarning.warnings(for: result).first {
                if case .openStageBehind = $0 { true } else { false }
            })
            #expect(behind.message.contains("the target is overloaded, it could not keep up at 100/s"), "\(behind.message)")
        }
    }

    /// 10,000/s on one loop against nginx with `max_connections: 50`. When the loop keeps up (nothing missed), nginx
    /// answers in well under a millisecond (libcurl's mean ~80 µs here), so Little's law explains about one connection,
    /// far below a quarter of the cap: had the pool filled, the generator would be named. When this shared machine
    /// starves the loop (off the CPU, not busy), the pool fills and libcurl's own times grow with the loop's delay (p50
    /// 2.3 ms seen against 51 µs), so Little's law alone would explain the cap and blame the target; the kernel's count
    /// of the loop thread's run-queue wait (`generator.runQueueWaitPercent`) names the generator instead
    /// (`loopStarved`; StarvedGeneratorEngineTests starves it on purpose). A full pool with the loop given its CPU is
    /// the target's (nginx shares the machine too).
    @Test func aCapTheServiceTimeDoesNotExplainIsTheGenerators() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile("""
                name: starved
                target: http://127.0.0.1:1
                max_connections: 50
                max_lag: 200ms
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 10000/s, duration: 3s, warmup: 1s }
                """, target: nginx.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let figures = try #require(OpenStageFigures(result.stages[0]))
            let service = result.stages[0].aggregated.service
            let seen = Self.seen(figures) + ", service p50 \(service?.micros(atPercentile: 50) ?? 0) µs"
            #expect(figures.open.due == 20_000, "\(seen)")
            let explained = try #require(figures.explainedConnections)
            if figures.open.missed == 0 && !figures.lagged {
                #expect(explained < 50 * OpenStageFigures.poolCapShare && !figures.targetExplainsCap, "\(seen)")
                return
            }
            let generator = result.stages[0].generator
            let loop = try #require(generator.loops?.first)
            #expect(generator.runQueueWaitPercent != nil, "\(seen)")
            let starved = (loop.runQueuePercent ?? 0) >= GeneratorSaturation.runQueueShare * 100
                && (loop.starvedSeconds ?? 0) >= GeneratorSaturation.minimumBusySeconds
                && (loop.runQueueMeanWaitMicros ?? 0)
                    >= GeneratorSaturation.lagShareOfMedian * Double(service?.micros(atPercentile: 50) ?? 0)
            if starved { #expect(generator.saturated, "\(seen)") }
            guard figures.generatorSaturation == nil else {
                #expect(figures.cause == .generatorSaturated, "\(seen)")
                #expect(!ReportWarning.warnings(for: result).contains { $0.message.contains("overloaded") }, "\(seen)")
                return
            }
            // The loop had its CPU: a pool at its cap that the service time explains is the target's.
            if figures.open.reachedMaxConnections && figures.targetExplainsCap {
                #expect(figures.cause == .poolAtCap, "\(seen)")
            }
        }
    }
}
