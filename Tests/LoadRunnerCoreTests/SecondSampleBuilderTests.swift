import LoadRunnerModel
import Testing

/// Per-second samples: stage, window flag, interval percentiles and running totals.
@Suite struct SecondSampleBuilderTests {
    static func stats(_ name: String, latenciesMicros: [UInt64], failing: Int = 0) -> RequestStats {
        var stats = RequestStats(name: name, method: "GET")
        for (index, latency) in latenciesMicros.enumerated() {
            stats.record(RequestOutcome(
                status: index < failing ? 500 : 200, bodyBytes: 10, newConnections: 0,
                timing: TransferTiming(totalMicros: latency),
                failure: index < failing ? RequestFailure(category: .httpStatus, message: "HTTP 500") : nil))
        }
        return stats
    }

    @Test func samplesCarryIntervalAndRunningTotals() {
        let requests = [
            RequestSpec(name: "a", method: "GET", path: .literal("/a"), query: [], headers: [], body: nil, weight: 1, expect: .defaultSuccess),
            RequestSpec(name: "b", method: "GET", path: .literal("/b"), query: [], headers: [], body: nil, weight: 1, expect: .defaultSuccess),
        ]
        let schedule = StageSchedule(stages: [Stage(users: 2, spawnRate: 2, duration: .seconds(3), warmup: .seconds(1))])
        var builder = SecondSampleBuilder(schedule: schedule, requests: requests, startUnixTime: 1_700_000_000.5)

        let first = builder.sample(
            second: 0, requests: [Self.stats("a", latenciesMicros: [1_000, 2_000]), Self.stats("b", latenciesMicros: [])],
            users: 2, generatorCPUPercent: 12.5, schedulingLagMicros: 300)
        #expect(first.stage == 1 && !first.inWindow)
        #expect(first.unixTime == 1_700_000_001)
        #expect(first.requests[1].percentileMicros.isEmpty)
        #expect(first.aggregated.requests == 2)

        let second = builder.sample(
            second: 1, requests: [Self.stats("a", latenciesMicros: [3_000], failing: 1), Self.stats("b", latenciesMicros: [4_000])],
            users: 2, generatorCPUPercent: 10, schedulingLagMicros: 100)
        #expect(second.inWindow)
        #expect(second.requests[0].requests == 1 && second.requests[0].failures == 1)
        #expect(second.requests[0].total.requests == 3 && second.requests[0].total.failures == 1)
        #expect(second.aggregated.total.requests == 4)
        #expect(second.aggregated.micros(atPercentile: 100).map { $0 >= 3_999 && $0 <= 4_003 } == true)
        #expect(second.requests[0].total.maxMicros >= 2_999)
    }
}
