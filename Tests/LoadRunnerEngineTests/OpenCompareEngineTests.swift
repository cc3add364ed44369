import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// `compare` of open stages against servers of known fixed delays: 20/s for 21 s (a window long enough for the block
/// bootstrap) against `/delay/10` and `/delay/50`, the two runs at once. Service time is the server's delay plus the
/// machine's overhead, so service p95 rises by about 40 ms; the change is exactly the two runs' own p95s apart, and its
/// interval, from the per-second service histograms, holds it. A run compared with itself changes by 0, inside its
/// interval.
@Suite(.serialized) struct OpenCompareEngineTests {
    static func profile(delayMillis: Int, target: String) throws -> Profile {
        try EngineHarness.profile("""
            name: open compare
            target: http://127.0.0.1:1
            timeout: 10s
            requests:
              - { name: get, path: /delay/\(delayMillis) }
            stages:
              - { rate: 20/s, duration: 21s }
            """, target: target)
    }

    @Test func serviceTimeChangeAndItsInterval() async throws {
        try await TestHTTPServer.withServer { server in
            let (fastProfile, slowProfile) = try (
                Self.profile(delayMillis: 10, target: server.baseURL), Self.profile(delayMillis: 50, target: server.baseURL))
            async let fast = EngineHarness.run(fastProfile)
            async let slow = EngineHarness.run(slowProfile)
            let (baseline, candidate) = try await (fast.0, slow.0)
            #expect(server.requestsServed == 2 * 420)
            let budgets = try ["service.p95 > +10%", "lag.p99 > +1000%"].map { try Budget.parse($0).get() }
            let result = RunComparator(budgets: budgets).compare(
                baseline: baseline, candidate: candidate, baselineLabel: "10ms", candidateLabel: "50ms")
            func aggregate(_ measure: MetricMeasure) throws -> MetricComparison {
                try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == measure })
            }
            let service = try aggregate(.servicePercentile(95))
            let basePoint = try #require(MetricValues(result: baseline).value(MetricID(.total, .servicePercentile(95)), in: .stage(1)))
            let candPoint = try #require(MetricValues(result: candidate).value(MetricID(.total, .servicePercentile(95)), in: .stage(1)))
            // Ground truth: each p95 is at least its server's delay, and at most 40 ms of overhead above it.
            #expect(basePoint >= 10_000 && basePoint <= 50_000 && candPoint >= 50_000 && candPoint <= 90_000)
            #expect(service.baseline == basePoint && service.candidate == candPoint)
            let change = try #require(service.change)
            #expect(change == candPoint - basePoint)
            let interval = try #require(service.interval, "service.p95 has an interval from the per-second histograms")
            #expect(interval.low <= change && change <= interval.high, "\(interval) \(change)")
            #expect(interval.low > 0, "40 ms slower in every second: the interval lies above 0 (\(interval))")
            #expect(service.verdict == .worse)
            // The lag has an interval too (its budget is loose: the machine, not the server, sets the lag).
            #expect(try aggregate(.lagP99).interval != nil)
            // missed is a count with no per-second formula: no interval. achieved_rps is resampled from the requests
            // made per second (nothing was missed or refused): both runs sent their 420 arrivals, 20/s, and the
            // interval of that 0 change holds it.
            #expect(try aggregate(.missed).interval == nil)
            let achieved = try aggregate(.achievedRPS)
            let achievedInterval = try #require(achieved.interval, "achieved_rps is resampled from its seconds")
            #expect(achieved.baseline == 20 && achieved.candidate == 20 && achieved.change == 0)
            #expect(achievedInterval.low <= 0 && achievedInterval.high >= 0, "\(achievedInterval)")
            // The compare report's Open stages table has the same figures, side by side.
            let markdown = CompareMarkdown.render(result)
            #expect(markdown.contains("## Open stages"))
            #expect(markdown.contains("### Stage 1: 20/s; windows 21.0 s (baseline) and 21.0 s (candidate)"))
            let serviceRow = try #require(markdown.split(separator: "\n").first { $0.contains("| Service p95 ") })
            #expect(serviceRow.contains("**worse**"), "\(serviceRow)")

            let same = RunComparator(budgets: budgets).compare(
                baseline: baseline, candidate: baseline, baselineLabel: "a", candidateLabel: "a")
            let itself = try #require(same.metrics.first { $0.isAggregated && $0.metric.measure == .servicePercentile(95) })
            let selfInterval = try #require(itself.interval)
            #expect(itself.change == 0 && selfInterval.low <= 0 && selfInterval.high >= 0)
            #expect(itself.verdict == .noSignificantChange)
        }
    }
}
