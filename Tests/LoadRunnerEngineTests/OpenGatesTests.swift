import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// The open-stage gates on real runs against the test server, each against a figure known in advance: the
/// arrivals the plan holds, the server's own count, and a queue whose lag follows from `/delay/N` and one connection.
@Suite(.serialized) struct OpenGatesTests {
    static func profile(_ stages: String, path: String = "/ok", extra: String = "", target: String, thresholds: [String] = [])
        throws -> Profile
    {
        let gates = thresholds.isEmpty ? "" : "\nthresholds:\n" + thresholds.map { "  - \"\($0)\"" }.joined(separator: "\n")
        return try EngineHarness.profile("""
            name: open gates
            target: http://127.0.0.1:1
            timeout: 10s
            \(extra)
            requests:
              - { name: get, path: \(path) }
            stages:
            \(stages)
            """ + gates, target: target)
    }

    /// 200/s for 3 s: 600 arrivals, all sent, none missed; `achieved_rps` is the sends over the 3 s window (within
    /// 2% of 200), `target_rps` is 200; service time never exceeds latency from the intended time.
    @Test func achievedRateAtTwoHundredPerSecond() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(
                "  - { rate: 200/s, duration: 3s }", target: server.baseURL,
                thresholds: ["achieved_rps > 196/s", "target_rps >= 200", "missed < 1", "service.p95 < 5s", "lag.p99 < 5s"])
            var (result, _) = try await EngineHarness.run(profile)
            result.evaluateThresholds(profile.thresholds)
            let values = MetricValues(result: result)
            let achieved = try #require(values.value(MetricID(.total, .achievedRPS), in: .stage(1)))
            #expect(server.requestsServed == 600)
            #expect(achieved == Double(server.requestsServed) / result.stages[0].windowSeconds)
            #expect(abs(achieved - 200) <= 4)
            #expect(values.value(MetricID(.total, .targetRPS), in: .stage(1)) == 200)
            #expect(values.value(MetricID(.total, .missed), in: .stage(1)) == 0)
            let service = try #require(values.value(MetricID(.total, .serviceMax), in: .stage(1)))
            #expect(service <= Double(result.stages[0].aggregated.latency.maxMicros))
            #expect(result.thresholds?.map(\.status) == [.passed, .passed, .passed, .passed, .passed])
        }
    }

    /// One connection and a server that takes 50 ms: arrivals due every 20 ms queue, so arrival k (from 0) cannot go
    /// out before 50·k ms and its lag is at least 30·k ms. At the load's end (1 s) the arrivals still waiting are
    /// `missed`: at most 21 go out (at 0, 50, ... 1000 ms). The wait is the pool's (the target is overloaded), not the
    /// generator's: the lag rule does not call the generator saturated.
    @Test func lagOfArrivalsQueuedBehindOneConnection() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(
                "  - { rate: 50/s, duration: 1s }", path: "/delay/50", extra: "max_connections: 1", target: server.baseURL,
                thresholds: ["lag.p99 < 1ms", "missed < 1"])
            var (result, _) = try await EngineHarness.run(profile)
            result.evaluateThresholds(profile.thresholds)
            let stage = result.stages[0]
            let sent = server.requestsServed
            // At least one send per 50 ms plus 40 ms of overhead on a busy machine; at most one per 50 ms.
            #expect(sent >= 11 && sent <= 21 && server.connectionsAccepted == 1)
            #expect(stage.open?.reachedMaxConnections == true)
            let values = MetricValues(result: result)
            #expect(values.value(MetricID(.total, .missed), in: .stage(1)) == Double(50 - sent))
            let lagMax = try #require(values.value(MetricID(.total, .lagMax), in: .stage(1)))
            let lagP50 = Double(try #require(stage.aggregated.lag?.micros(atPercentile: 50)))
            #expect(stage.aggregated.lag?.count == UInt64(sent))
            // Lower bounds are exact (arrival k waited at least 30·k ms); the upper ones allow 40 ms per request.
            let last = Double(sent - 1), middle = Double((sent + 1) / 2 - 1)
            #expect(lagMax >= 30_000 * last && lagMax <= 70_000 * last + 40_000)
            #expect(lagP50 >= 30_000 * middle && lagP50 <= 70_000 * middle + 40_000)
            #expect(result.thresholds?.map(\.status) == [.failed, .failed])
            #expect(stage.generator.saturationCause?.kind != .loopLag)
            // Only arrival 0 found the connection free: the loop's own lateness has that one sample.
            let loop = try #require(stage.generator.loops?.first)
            #expect(loop.arrivals == UInt64(sent) && loop.userLag.count == 1)
        }
    }

    /// A 200 ms server, one connection and `max_lag: 100ms` at 50/s for 1 s: each send holds the connection 200 ms, so
    /// at most 6 of the 50 arrivals go out (at 0, 200, ... 1000 ms: the last due by 980 ms, unsent 100 ms later, is
    /// missed); the rest are `missed`, and `missed > 0` holds while `missed < 1` fails.
    @Test func missedArrivalsFailTheGate() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(
                "  - { rate: 50/s, duration: 1s }", path: "/delay/200", extra: "max_connections: 1\nmax_lag: 100ms",
                target: server.baseURL, thresholds: ["missed > 0", "missed < 1", "missed_rate < 50%"])
            var (result, _) = try await EngineHarness.run(profile)
            result.evaluateThresholds(profile.thresholds)
            let sent = server.requestsServed
            #expect(sent >= 1 && sent <= 6)
            let values = MetricValues(result: result)
            #expect(values.value(MetricID(.total, .missed), in: .stage(1)) == Double(50 - sent))
            #expect(values.value(MetricID(.total, .missedRate), in: .stage(1)) == Double(50 - sent) / 50)
            #expect(values.value(MetricID(.total, .achievedRPS), in: .stage(1)) == Double(sent))
            #expect(result.thresholds?.map(\.status) == [.passed, .failed, .failed])
        }
    }

    /// The same server at 200/s and at 300/s: compare warns that the target rates differ, in every output.
    @Test func compareWarnsWhenTargetRatesDiffer() async throws {
        try await TestHTTPServer.withServer { server in
            let (baseline, _) = try await EngineHarness.run(
                try Self.profile("  - { rate: 200/s, duration: 2s }", target: server.baseURL))
            let (candidate, _) = try await EngineHarness.run(
                try Self.profile("  - { rate: 300/s, duration: 2s }", target: server.baseURL))
            #expect(server.requestsServed == 400 + 600)
            let result = RunComparator().compare(
                baseline: baseline, candidate: candidate, baselineLabel: "200", candidateLabel: "300")
            let mismatch = try #require(result.mismatches.first)
            #expect(result.mismatches.count == 1 && mismatch.kind == .targetRateDiffers)
            let message = "Stage 1 ran an open stage at 200/s in the baseline and an open stage at 300/s in the candidate"
            #expect(mismatch.message.hasPrefix(message))
            #expect(CompareMarkdown.render(result).contains(message))
            #expect(result.markdownSummary().contains(message))
            #expect(CompareCSV.render(result).contains(",target_rps,req/s,200.000,300.000,100.000,50.00,,,,target_rate_differs"))
            #expect(String(decoding: try CompareJSON.encode(result), as: UTF8.self).contains("\"target_rate_differs\""))
            let achieved = try #require(result.metrics.first { $0.metric == MetricID(.total, .achievedRPS) })
            #expect(achieved.baseline == 200 && achieved.candidate == 300)
        }
    }
}
