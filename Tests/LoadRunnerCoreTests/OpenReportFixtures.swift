import Foundation
import LoadRunnerModel

/// A fixed `RunResult` with open stages for report tests: one request name, three stages of 2 s with a 1 s
/// warm-up, 6 seconds of series, fixed dates, no randomness and no clock. Every figure follows from the lists
/// below; the ones the reports print are worked out by hand in `OpenReportTests`.
///
/// - Stage 1 (0-2 s, window 1-2 s): open, `rate: 4/s`; the 4 arrivals due in its window all went out 100 µs late
///   and completed: it kept up.
/// - Stage 2 (2-4 s, window 3-4 s): open, `rate: 4/s to 8/s` (7 arrivals due in its window: the rate's integral
///   from 6/s to 8/s over 1 s), `max_connections: 2`, a slow target: 5 sent ever later (1 ms to 600 ms), 4
///   completed, 1 never answered (`incomplete`), 2 `missed`; the pool was at its cap, so the target is overloaded.
/// - Stage 3 (4-6 s, window 5-6 s): closed, 2 users.
enum OpenReportFixtures {
    /// 2024-05-01T12:00:00Z.
    static let startUnixTime = 1_714_564_800
    static let start = Date(timeIntervalSince1970: Double(startUnixTime))

    static let name = "home"
    static let method = "GET"

    /// One open-model arrival: how late it went out (nil: `missed`) and libcurl's time of it (nil once sent:
    /// no answer, `incomplete`).
    struct Arrival {
        var lagMicros: UInt64?
        var serviceMicros: UInt64?
        var newConnection = false

        /// Records it as the engine's `LoopRecorder` does.
        func record(into stats: inout RequestStats) {
            let failure: RequestFailure? = switch (lagMicros, serviceMicros) {
            case (nil, _): RequestFailure(category: .missed, message: "not sent: still waiting for a connection when the load ended")
            case (_, nil): RequestFailure(category: .incomplete, message: "no response after 1.40 s")
            default: nil
            }
            let service = serviceMicros ?? 0
            let outcome = RequestOutcome(
                status: failure == nil ? 200 : 0, bodyBytes: failure == nil ? 100 : 0,
                newConnections: newConnection ? 1 : 0,
                timing: TransferTiming(firstByteMicros: service, totalMicros: service), failure: failure)
            stats.recordOpen(outcome, latencyMicros: (lagMicros ?? 0) + service, lagMicros: lagMicros)
        }
    }

    /// What was due in each second (open stages) or completed in it (closed stage 3, latencies in µs).
    static let seconds: [(open: [Arrival], closed: [UInt64])] = [
        // Second 0: stage 1's warm-up.
        ([Arrival(lagMicros: 200, serviceMicros: 2000, newConnection: true), Arrival(lagMicros: 200, serviceMicros: 2200),
          Arrival(lagMicros: 200, serviceMicros: 2400), Arrival(lagMicros: 200, serviceMicros: 2600)], []),
        // Second 1: stage 1's window. Latencies 2100, 2300, 2500, 2900 µs.
        ([Arrival(lagMicros: 100, serviceMicros: 2000, newConnection: true), Arrival(lagMicros: 100, serviceMicros: 2200),
          Arrival(lagMicros: 100, serviceMicros: 2400), Arrival(lagMicros: 100, serviceMicros: 2800)], []),
        // Second 2: stage 2's warm-up, 5 arrivals (the rate from 4/s to 6/s).
        ((0..<5).map { Arrival(lagMicros: 100, serviceMicros: 3000 + 200 * UInt64($0)) }, []),
        // Second 3: stage 2's window. Latencies 151, 300, 450, 600 ms; the fifth sent never answered; 2 missed.
        ([Arrival(lagMicros: 1_000, serviceMicros: 150_000), Arrival(lagMicros: 150_000, serviceMicros: 150_000, newConnection: true),
          Arrival(lagMicros: 300_000, serviceMicros: 150_000), Arrival(lagMicros: 450_000, serviceMicros: 150_000),
          Arrival(lagMicros: 600_000, serviceMicros: nil), Arrival(lagMicros: nil), Arrival(lagMicros: nil)], []),
        // Seconds 4-5: stage 3 (closed), warm-up then window.
        ([], [1500, 1700]),
        ([], [1400, 1600, 1800, 2000]),
    ]

    static func result() -> RunResult {
        var result = RunResult(
            provenance: provenance, stages: [stage(1), stage(2), stage(3)], series: series(), failures: failures,
            interrupted: false)
        result.seed = 42
        return result
    }

    static let provenance = Provenance(
        loadRunnerVersion: "0.1.0", libcurlVersion: "8.5.0", hostName: "bench-01", cpuCount: 2, allowedCPUCount: 1,
        kernel: "Linux 6.1.0-18-amd64 x86_64", profileName: "open smoke", profilePath: "Profiles/open.yaml",
        profileText: """
            name: open smoke
            target: http://127.0.0.1:8085
            max_connections: 2
            requests:
              - { name: home, path: / }
            stages:
              - { rate: 4/s, duration: 2s, warmup: 1s }
              - { rate: 4/s to 8/s, duration: 2s, warmup: 1s }
              - { users: 2, duration: 2s, warmup: 1s }
            """,
        target: "http://127.0.0.1:8085", commandLine: ["loadrunner", "run", "Profiles/open.yaml"],
        startTime: start, endTime: start.addingTimeInterval(6))

    static let failures = [
        FailureRecord(
            name: name, method: method, category: .incomplete, message: "no response after 1.40 s", occurrences: 1,
            firstSeen: start.addingTimeInterval(4.5), lastSeen: start.addingTimeInterval(4.5)),
        FailureRecord(
            name: name, method: method, category: .missed, message: "not sent: still waiting for a connection when the load ended",
            occurrences: 2, firstSeen: start.addingTimeInterval(4), lastSeen: start.addingTimeInterval(4)),
    ]

    /// The dispatch counts of the open stages' windows (stage 3 is closed).
    static let open: [Int: OpenStageStats] = [
        1: OpenStageStats(
            targetStartPerSecond: 4, targetEndPerSecond: 4, due: 4, sent: 4, completed: 4, missed: 0, peakInFlight: 1,
            connectionsOpened: 1, maxConnections: 2, reachedMaxConnections: false),
        2: OpenStageStats(
            targetStartPerSecond: 4, targetEndPerSecond: 8, due: 7, sent: 5, completed: 4, missed: 2, peakInFlight: 2,
            connectionsOpened: 1, maxConnections: 2, reachedMaxConnections: true),
    ]

    /// Stage `number`: seconds `2(number-1)` (warm-up) and `2(number-1) + 1` (window).
    static func stage(_ number: Int) -> StageResult {
        let first = (number - 1) * 2
        let stats = stats(second: first + 1)
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        aggregated.add(stats)
        var stage = StageResult(
            number: number, users: number == 3 ? 2 : 0, spawnRate: number == 3 ? 2 : 0, startSeconds: Double(first),
            endSeconds: Double(first + 2), windowStartSeconds: Double(first + 1), windowEndSeconds: Double(first + 2),
            requests: [stats], aggregated: aggregated,
            generator: GeneratorStats(cpuPercent: 20, allowedCores: 1, schedulingLagP99Micros: 500, schedulingLagMaxMicros: 900))
        stage.open = open[number]
        return stage
    }

    /// The request statistics of one second.
    static func stats(second: Int) -> RequestStats {
        var stats = RequestStats(name: name, method: method)
        for arrival in seconds[second].open { arrival.record(into: &stats) }
        for micros in seconds[second].closed {
            stats.record(RequestOutcome(
                status: 200, bodyBytes: 100, newConnections: 0,
                timing: TransferTiming(firstByteMicros: micros, totalMicros: micros), failure: nil))
        }
        return stats
    }

    /// One sample per second with its buckets (on the request row: latency, and service and lag in open seconds;
    /// the aggregate row keeps only its summary) and running totals, as the engine keeps them.
    static func series() -> [SecondSample] {
        var total = RequestStats(name: name, method: method)
        return seconds.indices.map { second in
            let row = stats(second: second)
            total.add(row)
            let totals = RunningTotals(
                requests: total.requests, failures: total.failures, bodyBytes: total.bodyBytes,
                medianMicros: total.latency.micros(atPercentile: 50), meanMicros: total.latency.meanMicros,
                minMicros: total.latency.minMicros, maxMicros: total.latency.maxMicros)
            var interval = IntervalStats(
                name: name, method: method, requests: row.requests, failures: row.failures, bodyBytes: row.bodyBytes,
                latency: row.latency, total: totals)
            interval.service = row.service.map(LatencyBuckets.init)
            interval.lag = row.lag.map(LatencyBuckets.init)
            var aggregated = IntervalStats(
                name: RequestStats.aggregatedName, method: "", requests: row.requests, failures: row.failures,
                bodyBytes: row.bodyBytes, latency: row.latency, total: totals)
            // The engine keeps only the aggregate row's summary: its buckets are the request rows' (SecondSampleBuilder).
            aggregated.latency = nil
            return SecondSample(
                second: second, unixTime: startUnixTime + second + 1, users: second >= 4 ? 2 : 0, stage: second / 2 + 1,
                inWindow: second % 2 == 1, requests: [interval], aggregated: aggregated, generatorCPUPercent: 20,
                schedulingLagMicros: 500)
        }
    }
}
