import Foundation
import LoadRunnerModel

/// One stage as the profile plans it, for the live view's stage table and chart marks.
package struct LiveStagePlan: Sendable, Equatable {
    /// 1-based.
    package var number: Int
    /// Users of a closed stage; 0 for an open stage.
    package var users: Int
    /// An open stage's target rate; nil for a closed stage.
    package var rate: ArrivalRate?
    package var durationSeconds: Double
    package var warmupSeconds: Double

    package init(number: Int, stage: Stage) {
        self.number = number
        users = stage.users
        rate = stage.rate
        durationSeconds = Self.seconds(stage.duration)
        warmupSeconds = Self.seconds(stage.warmup)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// One completed second of the run as the live charts draw it.
package struct LiveSecond: Sendable, Equatable {
    /// Seconds since the run started; covers `[second, second + 1)`.
    package var second: Int
    /// 1-based stage, and whether the second is inside its statistics window (false in a warm-up).
    package var stage: Int
    package var inWindow: Bool
    package var users: Int
    /// An open stage's target arrivals a second; nil in a closed stage.
    package var targetRate: Double?
    /// Requests completed (the achieved rate, a second being one second) and failed in this second.
    package var requests: UInt64
    package var failures: UInt64
    /// Latency percentiles of this second's requests, microseconds; nil when none completed.
    package var p50Micros: UInt64?
    package var p95Micros: UInt64?
    package var p99Micros: UInt64?
    /// The generator's CPU use in % of one core, and its worst timer lag, microseconds.
    package var generatorCPUPercent: Double
    package var schedulingLagMicros: UInt64
}

/// Running totals of one request name (or one stage) since the run (or stage) started: counts and the cumulative
/// latency histogram that Prometheus' classic buckets are read from.
package struct LiveTotals: Sendable, Equatable {
    package var name: String
    package var method: String
    /// The 1-based stage for a stage's row; nil for a request's.
    package var stage: Int?
    package var requests: UInt64 = 0
    package var failures: UInt64 = 0
    /// Failures per category (a request's row only), when the run passed them on; a category with none is absent.
    package var failuresByCategory: [FailureCategory: UInt64] = [:]
    /// Seconds folded in (a stage's row: its seconds so far).
    package var seconds = 0
    package var latency = LatencyHistogram()

    package init(name: String, method: String, stage: Int? = nil) {
        self.name = name
        self.method = method
        self.stage = stage
    }

    mutating func add(requests: UInt64, failures: UInt64, latency: LatencyHistogram) {
        self.requests += requests
        self.failures += failures
        self.latency.add(latency)
    }

    mutating func add(failuresByCategory counts: [FailureCategory: UInt64]) {
        for (category, count) in counts { failuresByCategory[category, default: 0] += count }
    }
}

/// A warning or note the run reported, with the second it came in.
package struct LiveNote: Sendable, Equatable {
    package var second: Int
    /// `error`, `warning` or `note`.
    package var severity: String
    package var message: String
}
