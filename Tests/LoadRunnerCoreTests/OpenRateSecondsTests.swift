import Foundation
@testable import LoadRunnerAnalysis
import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Per-second rates count requests made, as their window values do: an open second's missed arrivals were never
/// requests. On `OpenCompareTests.run`: 10 arrivals sent and 5 missed in each of 20 seconds.
@Suite struct OpenRateSecondsTests {
    /// Seconds that keep their missed arrivals give `rps` and `achieved_rps` 10 made per second, the window values
    /// (200 made in 20 s): the bootstrap resamples them, and over two equal runs the interval is exactly 0.
    @Test func rpsAndAchievedRPSAreResampledFromRequestsMade() throws {
        let run = OpenCompareTests.run(serviceBaseMicros: 500, missedPerSecond: 5, keepingMissed: true)
        let window = PerSecondSamples.window(run.series, stage: run.stages[0])
        #expect(window.count == 20)
        #expect(window.map { PerSecondSamples.sums($0.aggregated, measure: .rps)?.0 } == Array(repeating: 10, count: 20))
        #expect(window.map { PerSecondSamples.sums($0.aggregated, measure: .achievedRPS)?.0 } == Array(repeating: 10, count: 20))
        let result = RunComparator().compare(baseline: run, candidate: run, baselineLabel: "a", candidateLabel: "a")
        for measure in [MetricMeasure.rps, .achievedRPS] {
            let metric = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == measure })
            #expect(metric.baseline == 10 && metric.candidate == 10, "\(measure)")
            let interval = try #require(metric.interval, "\(measure)")
            #expect(interval.low == 0 && interval.high == 0, "\(measure)")
        }
        let missed = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == .missed })
        #expect(missed.interval == nil)
    }

    /// A row with a request refused before sending (`invalid_value`, never sent): `achieved_rps` leaves it out, a
    /// second keeps no refusals, so its budget alone decides; `rps` counts it (a request made) and keeps its interval.
    @Test func aRefusedRequestLeavesAchievedRPSToItsBudget() throws {
        var run = OpenCompareTests.run(serviceBaseMicros: 500, missedPerSecond: 5, keepingMissed: true)
        var refused = RequestStats(name: "get", method: "GET")
        refused.recordOpen(
            RequestOutcome(status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0),
                           failure: RequestFailure(category: .invalidValue, message: "no value")),
            latencyMicros: 0, lagMicros: nil)
        run.stages[0].requests[0].add(refused)
        run.stages[0].aggregated.add(refused)
        let result = RunComparator().compare(baseline: run, candidate: run, baselineLabel: "a", candidateLabel: "a")
        let achieved = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == .achievedRPS })
        #expect(achieved.interval == nil)
        #expect(result.metrics.first { $0.isAggregated && $0.metric.measure == .rps }?.interval != nil)
    }

    /// The live line's rps is the last second's requests made; its errors count the missed.
    @Test func theLiveLineCountsRequestsMade() {
        let run = OpenCompareTests.run(serviceBaseMicros: 500, missedPerSecond: 5, keepingMissed: true)
        let line = LiveLine.format(elapsedSeconds: 3, stage: 1, stageCount: 1, users: 0, rate: "15/s", sample: run.series[2])
        #expect(line.contains("rps 10.0") && line.contains("errors 5"), "\(line)")
    }
}
