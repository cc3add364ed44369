import Foundation
import LoadRunnerModel

/// A fixed `RunResult` for report tests: 2 stages (the second saturated, with over 1% errors), 2 request names
/// (one needing CSV quoting), failures of 2 categories, 6 seconds of series, fixed dates. No randomness, no clock:
/// every figure follows from the latency lists below.
enum ReportFixtures {
    /// 2024-05-01T12:00:00Z.
    static let startUnixTime = 1_714_564_800
    static let start = Date(timeIntervalSince1970: Double(startUnixTime))

    static let list = (name: "list items", method: "GET")
    static let search = (name: "search, \"fuzzy\"", method: "POST")

    static let http503 = RequestFailure(category: .httpStatus, message: "HTTP 503")
    static let refused = RequestFailure(category: .connect, message: "Connection refused")

    /// One request of the fixture.
    struct Shot {
        var micros: UInt64
        var failure: RequestFailure? = nil
        var newConnection = false

        var outcome: RequestOutcome {
            let bodyBytes: UInt64 = failure == nil ? 512 : (failure?.category == .connect ? 0 : 20)
            return RequestOutcome(
                status: failure == nil ? 200 : (failure?.category == .connect ? 0 : 503), bodyBytes: bodyBytes,
                newConnections: newConnection ? 1 : 0,
                timing: TransferTiming(
                    connectMicros: newConnection ? 150 : 0, firstByteMicros: micros > 80 ? micros - 80 : micros,
                    totalMicros: micros),
                failure: failure)
        }
    }

    /// What completed in each second, per request name (`list`, then `search`).
    static let seconds: [(list: [Shot], search: [Shot])] = [
        // Second 0: warm-up of stage 1, nothing completed yet.
        ([], []),
        ([Shot(micros: 900, newConnection: true), Shot(micros: 1100), Shot(micros: 1250), Shot(micros: 1400),
          Shot(micros: 2600)],
         [Shot(micros: 3100, newConnection: true), Shot(micros: 4200)]),
        // Second 2: `search` had no request (N/A in the history).
        ([Shot(micros: 950), Shot(micros: 1050), Shot(micros: 1300), Shot(micros: 1700), Shot(micros: 2250),
          Shot(micros: 9800)],
         []),
        // Second 3: warm-up of stage 2.
        ([Shot(micros: 1200, newConnection: true), Shot(micros: 1600)],
         [Shot(micros: 5200, failure: refused)]),
        ([Shot(micros: 1900, newConnection: true), Shot(micros: 2100), Shot(micros: 2500), Shot(micros: 3300),
          Shot(micros: 4700, failure: http503), Shot(micros: 12500)],
         [Shot(micros: 6100, failure: refused), Shot(micros: 7400, newConnection: true), Shot(micros: 15000)]),
        ([Shot(micros: 2000), Shot(micros: 2400), Shot(micros: 2800), Shot(micros: 5100), Shot(micros: 30100, failure: http503)],
         [Shot(micros: 6900), Shot(micros: 8800)]),
    ]

    static let users = [5, 10, 10, 15, 20, 20]
    static let cpuPercent = [12.5, 40.0, 42.5, 70.25, 96.0, 97.0]
    static let lagMicros: [UInt64] = [300, 800, 700, 20_000, 61_000, 63_000]

    /// The run: interrupted during stage 2 so that every kind of warning shows.
    static func result(interrupted: Bool = true) -> RunResult {
        RunResult(
            provenance: provenance, stages: [stage(1), stage(2)], series: series(), failures: failures,
            interrupted: interrupted)
    }

    static let provenance = Provenance(
        loadRunnerVersion: "0.1.0", libcurlVersion: "8.5.0", hostName: "bench-01", cpuCount: 2, allowedCPUCount: 1,
        kernel: "Linux 6.1.0-18-amd64 x86_64", profileName: "checkout smoke", profilePath: "Profiles/checkout.yaml",
        profileText: """
            name: checkout smoke
            target: http://127.0.0.1:8085
            requests:
              - name: list items
                path: /items
              - name: 'search, "fuzzy"'
                method: POST
                path: /search
            stages:
              - { users: 10, duration: 3s, warmup: 1s }
              - { users: 20, duration: 3s, warmup: 1s }
            """,
        target: "http://127.0.0.1:8085", commandLine: ["loadrunner", "run", "Profiles/checkout.yaml", "--output", "Reports/checkout run"],
        startTime: start, endTime: start.addingTimeInterval(6.5))

    static let failures = [
        FailureRecord(
            name: list.name, method: list.method, category: .httpStatus, message: "HTTP 503", occurrences: 2,
            firstSeen: start.addingTimeInterval(4.25), lastSeen: start.addingTimeInterval(5.75)),
        FailureRecord(
            name: search.name, method: search.method, category: .connect, message: "Connection refused",
            occurrences: 2, firstSeen: start.addingTimeInterval(3.125), lastSeen: start.addingTimeInterval(4.5)),
    ]

    /// Stage 1: seconds 0-2, window 1-3 s. Stage 2: seconds 3-5, window 4-6 s, saturated.
    static func stage(_ number: Int) -> StageResult {
        let first = (number - 1) * 3
        let windowSeconds = (first + 1)...(first + 2)
        var listStats = RequestStats(name: list.name, method: list.method)
        var searchStats = RequestStats(name: search.name, method: search.method)
        for second in windowSeconds {
            listStats.add(stats(seconds[second].list, list))
            searchStats.add(stats(seconds[second].search, search))
        }
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        aggregated.add(listStats)
        aggregated.add(searchStats)
        let generator = number == 1
            ? GeneratorStats(cpuPercent: 41.25, allowedCores: 1, schedulingLagP99Micros: 800, schedulingLagMaxMicros: 2_100)
            : GeneratorStats(cpuPercent: 96.5, allowedCores: 1, schedulingLagP99Micros: 62_000, schedulingLagMaxMicros: 81_000)
        return StageResult(
            number: number, users: number * 10, spawnRate: 10, startSeconds: Double(first),
            endSeconds: Double(first + 3), windowStartSeconds: Double(first + 1), windowEndSeconds: Double(first + 3),
            requests: [listStats, searchStats], aggregated: aggregated, generator: generator)
    }

    /// One sample per second, with running totals as the engine keeps them.
    static func series() -> [SecondSample] {
        var listTotal = RequestStats(name: list.name, method: list.method)
        var searchTotal = RequestStats(name: search.name, method: search.method)
        var aggregatedTotal = RequestStats(name: RequestStats.aggregatedName, method: "")
        return seconds.indices.map { second in
            let listSecond = stats(seconds[second].list, list)
            let searchSecond = stats(seconds[second].search, search)
            var aggregatedSecond = RequestStats(name: RequestStats.aggregatedName, method: "")
            aggregatedSecond.add(listSecond)
            aggregatedSecond.add(searchSecond)
            listTotal.add(listSecond)
            searchTotal.add(searchSecond)
            aggregatedTotal.add(aggregatedSecond)
            return SecondSample(
                second: second, unixTime: startUnixTime + second + 1, users: users[second], stage: second / 3 + 1,
                inWindow: second % 3 != 0,
                requests: [interval(listSecond, total: listTotal), interval(searchSecond, total: searchTotal)],
                aggregated: interval(aggregatedSecond, total: aggregatedTotal, keepingBuckets: false),
                generatorCPUPercent: cpuPercent[second], schedulingLagMicros: lagMicros[second])
        }
    }

    static func stats(_ shots: [Shot], _ request: (name: String, method: String)) -> RequestStats {
        var stats = RequestStats(name: request.name, method: request.method)
        for shot in shots { stats.record(shot.outcome) }
        return stats
    }

    /// A second's row as the engine's `SecondSampleBuilder` makes it: the second's buckets (but on the aggregate
    /// row), running totals with the exact mean, min and max.
    static func interval(_ stats: RequestStats, total: RequestStats, keepingBuckets: Bool = true) -> IntervalStats {
        var interval = IntervalStats(
            name: stats.name, method: stats.method, requests: stats.requests, failures: stats.failures,
            bodyBytes: stats.bodyBytes,
            percentileMicros: stats.requests == 0
                ? [] : IntervalStats.percentiles.map { stats.latency.micros(atPercentile: $0) },
            minMicros: stats.latency.minMicros, maxMicros: stats.latency.maxMicros, meanMicros: stats.latency.meanMicros,
            total: RunningTotals(
                requests: total.requests, failures: total.failures, bodyBytes: total.bodyBytes,
                medianMicros: total.latency.micros(atPercentile: 50), meanMicros: total.meanMicros,
                minMicros: total.latency.exactMinMicros, maxMicros: total.latency.exactMaxMicros))
        if keepingBuckets { interval.latency = LatencyBuckets(stats.latency) }
        return interval
    }
}
