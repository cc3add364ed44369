import LoadRunnerModel
import Testing

/// A request refused before it was sent counts as a failure but has no latency sample.
@Suite struct UnsentRequestStatsTests {
    static func outcome(micros: UInt64, failure: RequestFailure? = nil) -> RequestOutcome {
        RequestOutcome(status: failure == nil ? 200 : 0, bodyBytes: 0, newConnections: 0,
                       timing: TransferTiming(firstByteMicros: micros / 2, totalMicros: micros), failure: failure)
    }

    @Test func anInvalidValueCountsAsAFailureWithoutALatencySample() {
        var stats = RequestStats(name: "r", method: "GET")
        stats.record(Self.outcome(micros: 10_000))
        stats.record(Self.outcome(micros: 30_000))
        stats.record(Self.outcome(micros: 0, failure: RequestFailure(category: .invalidValue, message: "not sent")))
        #expect(stats.requests == 3)
        #expect(stats.failures == 1)
        #expect(stats.failuresByCategory == [.invalidValue: 1])
        #expect(stats.latency.count == 2)
        #expect(stats.meanMicros == 20_000)
        #expect(stats.meanFirstByteMicros == 10_000)
        #expect(stats.latency.minMicros >= 9_990)
    }

    @Test func aSentFailureKeepsItsLatency() {
        var stats = RequestStats(name: "r", method: "GET")
        stats.record(Self.outcome(micros: 5_000, failure: RequestFailure(category: .httpStatus, message: "HTTP 503")))
        #expect(stats.latency.count == 1)
        #expect(stats.meanMicros == 5_000)
        #expect(FailureCategory.allCases.filter { !$0.wasSent } == [.invalidValue, .missed])
    }
}
