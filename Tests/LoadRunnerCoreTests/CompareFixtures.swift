import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel

/// Synthetic runs of a two-endpoint service for compare tests, built in code from a seed: the same seed always
/// gives the same `RunResult`, on every machine (only additions and multiplications of doubles, no `exp`/`log`).
///
/// Each second has its own load factor (±5%, shared by every request of that second, as on a real server);
/// each request's latency is `base × effect × second factor × U(0.7, 1.3)`, plus, for 5% of requests, a tail of
/// up to 3 × base. Stage `n` is 10% slower than stage `n - 1` and has `users / 10` times the requests.
///
/// The per-second percentiles are computed from the sorted latencies the way HdrHistogram does (the same values as
/// `LatencyHistogram.micros(atPercentile:)`, much faster in a debug build); each request row keeps its second's
/// buckets, which `compare` resamples; the running totals, which `compare` does not read, carry counts only.
enum CompareFixtures {
    /// One request name of the service: its latency and rate at 10 users.
    struct Endpoint {
        var name: String
        var method: String
        var baseMicros: Double
        var requestsPerSecond: Int
    }

    /// One stage of the schedule.
    struct Stage {
        var users: Int
        var seconds: Int
        var warmupSeconds: Int = 2
    }

    /// What a change does to one request name in one stage.
    struct Effect {
        /// Multiplies every latency (1.3 = 30% slower).
        var latency: Double = 1
        /// Multiplies the requests completed per second.
        var throughput: Double = 1
        /// Share of requests that fail with HTTP 503.
        var errorShare: Double = 0
    }

    static let get = Endpoint(name: "user/get", method: "GET", baseMicros: 8_000, requestsPerSecond: 40)
    static let update = Endpoint(name: "user/update", method: "POST", baseMicros: 15_000, requestsPerSecond: 12)
    static let endpoints = [get, update]
    static let stages = [Stage(users: 10, seconds: 22), Stage(users: 20, seconds: 22)]

    /// `run(seed: 1)`, built once for every test that needs the standard baseline.
    static let baseline = run(seed: 1)

    /// 2024-05-01T12:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_714_564_800)

    /// A run of `stages` against `endpoints`; `effect(stage, name)` says how this run differs from the model.
    static func run(
        seed: UInt64, stages: [Stage] = stages, endpoints: [Endpoint] = endpoints, startOffsetSeconds: Double = 0,
        effect: (Int, String) -> Effect = { _, _ in Effect() }
    ) -> RunResult {
        var random = RandomSource(seed: seed)
        var totals = endpoints.map { RequestStats(name: $0.name, method: $0.method) }
        var aggregateTotal = RequestStats(name: RequestStats.aggregatedName, method: "")
        var series: [SecondSample] = []
        var stageResults: [StageResult] = []
        var second = 0
        let runStart = start.addingTimeInterval(startOffsetSeconds)
        for (index, stage) in stages.enumerated() {
            let number = index + 1
            var window = endpoints.map { RequestStats(name: $0.name, method: $0.method) }
            let stageStart = second
            for offset in 0..<stage.seconds {
                let inWindow = offset >= stage.warmupSeconds
                let secondFactor = 0.95 + 0.1 * unit(&random)
                var perRequest: [IntervalStats] = []
                var aggregate = RequestStats(name: RequestStats.aggregatedName, method: "")
                var allMicros: [UInt64] = []
                for (endpointIndex, endpoint) in endpoints.enumerated() {
                    let (stats, micros) = secondOf(
                        endpoint, stage: number, users: stage.users, factor: secondFactor,
                        effect: effect(number, endpoint.name), random: &random)
                    totals[endpointIndex].add(stats)
                    if inWindow { window[endpointIndex].add(stats) }
                    aggregate.add(stats)
                    allMicros += micros
                    perRequest.append(interval(stats, micros: micros, total: totals[endpointIndex]))
                }
                aggregateTotal.add(aggregate)
                series.append(SecondSample(
                    second: second, unixTime: Int(runStart.timeIntervalSince1970) + second + 1, users: stage.users,
                    stage: number, inWindow: inWindow, requests: perRequest,
                    aggregated: interval(aggregate, micros: allMicros, total: aggregateTotal, keepingBuckets: false),
                    generatorCPUPercent: 30, schedulingLagMicros: 400))
                second += 1
            }
            var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
            for stats in window { aggregated.add(stats) }
            stageResults.append(StageResult(
                number: number, users: stage.users, spawnRate: Double(stage.users), startSeconds: Double(stageStart),
                endSeconds: Double(second), windowStartSeconds: Double(stageStart + stage.warmupSeconds),
                windowEndSeconds: Double(second), requests: window, aggregated: aggregated,
                generator: GeneratorStats(
                    cpuPercent: 30, allowedCores: 1, schedulingLagP99Micros: 400, schedulingLagMaxMicros: 900)))
        }
        return RunResult(
            provenance: provenance(start: runStart, seconds: second), stages: stageResults, series: series,
            failures: [], interrupted: false)
    }

    /// What completed for one endpoint in one second, and its latencies.
    private static func secondOf(
        _ endpoint: Endpoint, stage: Int, users: Int, factor: Double, effect: Effect, random: inout RandomSource
    ) -> (RequestStats, [UInt64]) {
        var stats = RequestStats(name: endpoint.name, method: endpoint.method)
        var latencies: [UInt64] = []
        let meanCount = Double(endpoint.requestsPerSecond * users / 10) * effect.throughput
        let count = Int((meanCount * (0.9 + 0.2 * unit(&random))).rounded())
        let stageFactor = 1 + 0.1 * Double(stage - 1)
        for _ in 0..<count {
            var micros = endpoint.baseMicros * effect.latency * stageFactor * factor * (0.7 + 0.6 * unit(&random))
            if unit(&random) < 0.05 { micros += endpoint.baseMicros * 3 * unit(&random) }
            let failed = unit(&random) < effect.errorShare
            latencies.append(UInt64(micros))
            stats.record(RequestOutcome(
                status: failed ? 503 : 200, bodyBytes: 200, newConnections: 0,
                timing: TransferTiming(firstByteMicros: UInt64(micros * 0.9), totalMicros: UInt64(micros)),
                failure: failed ? RequestFailure(category: .httpStatus, message: "HTTP 503") : nil))
        }
        return (stats, latencies)
    }

    /// One second's summary; percentiles as HdrHistogram computes them: the value of rank
    /// `max(1, ceil(p × n / 100))`, reported as the top of its bucket. With `keepingBuckets` it keeps the second's
    /// histogram, as a schema 2 request row does (the aggregate row keeps none: it is the sum of the request rows).
    static func interval(
        _ stats: RequestStats, micros: [UInt64], total: RequestStats, keepingBuckets: Bool = true
    ) -> IntervalStats {
        let sorted = micros.map { max($0, 1) }.sorted()
        let histogram = stats.latency.histogram
        let percentiles: [UInt64] = sorted.isEmpty ? [] : IntervalStats.percentiles.map { percentile in
            let rank = percentile >= 100
                ? sorted.count : max(1, Int((percentile.nextDown * Double(sorted.count) / 100).rounded(.up)))
            return histogram.highestEquivalentForValue(sorted[rank - 1])
        }
        var interval = IntervalStats(
            name: stats.name, method: stats.method, requests: stats.requests, failures: stats.failures,
            bodyBytes: stats.bodyBytes, percentileMicros: percentiles, minMicros: stats.latency.minMicros,
            maxMicros: stats.latency.maxMicros,
            meanMicros: sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count),
            total: RunningTotals(
                requests: total.requests, failures: total.failures, bodyBytes: total.bodyBytes, medianMicros: 0,
                meanMicros: 0, minMicros: 0, maxMicros: 0))
        if keepingBuckets { interval.latency = LatencyBuckets(stats.latency) }
        return interval
    }

    /// A uniform value in [0, 1) from the top 53 bits.
    static func unit(_ random: inout RandomSource) -> Double {
        Double(random.next() >> 11) / Double(UInt64(1) << 53)
    }

    static func provenance(start: Date, seconds: Int) -> Provenance {
        Provenance(
            loadRunnerVersion: "0.1.0", libcurlVersion: "8.5.0", hostName: "bench-01", cpuCount: 2,
            allowedCPUCount: 1, kernel: "Linux 6.1.0-18-amd64 x86_64", profileName: "user service",
            profilePath: "Profiles/user.yaml", profileText: "name: user service\n", target: "http://127.0.0.1:8085",
            commandLine: ["loadrunner", "run", "Profiles/user.yaml"], startTime: start,
            endTime: start.addingTimeInterval(Double(seconds)))
    }

    /// The comparison of two fixture runs with the default comparator.
    static func compare(_ baseline: RunResult, _ candidate: RunResult, comparator: RunComparator = RunComparator())
        -> CompareResult
    {
        comparator.compare(
            baseline: baseline, candidate: candidate, baselineLabel: "Reports/before", candidateLabel: "Reports/after")
    }
}
