import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel

/// One-stage runs for the compare sweep, generated from a seed: every request name's latencies come from one known
/// distribution at a fixed rate, and each second keeps its histogram as a schema 2 `result.json` does.
///
/// The model: each second has a load factor in [0.95, 1.05) shared by all its requests; a request takes
/// `20 ms × slowdown × factor × U(0.7, 1.3)`, plus, for 5% of requests, up to 60 ms more; 1% fail. A second of a
/// name holds `requestsPerSecond × U(0.9, 1.1)` requests, rounded. Only additions and multiplications of doubles, so
/// the same seed gives the same run on every machine.
enum CompareSweepFixtures {
    static let baseMicros = 20_000.0

    /// A run of `names` request names (`r1`, `r2`, ...) over a window of `windowSeconds` whole seconds.
    static func run(
        seed: UInt64, names: Int, requestsPerSecond: Int, windowSeconds: Int, slowdown: Double = 1
    ) -> RunResult {
        var random = RandomSource(seed: seed)
        let probe = LatencyHistogram().histogram
        var window = (1...names).map { RequestStats(name: "r\($0)", method: "GET") }
        var series: [SecondSample] = []
        let zero = RunningTotals(
            requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
        for second in 0..<windowSeconds {
            let factor = 0.95 + 0.1 * CompareFixtures.unit(&random)
            var rows: [IntervalStats] = []
            var allRequests: UInt64 = 0, allFailures: UInt64 = 0
            for index in 0..<names {
                let count = Int((Double(requestsPerSecond) * (0.9 + 0.2 * CompareFixtures.unit(&random))).rounded())
                var values: [UInt64] = []
                var failures: UInt64 = 0
                for _ in 0..<count {
                    var micros = baseMicros * slowdown * factor * (0.7 + 0.6 * CompareFixtures.unit(&random))
                    if CompareFixtures.unit(&random) < 0.05 { micros += 3 * baseMicros * CompareFixtures.unit(&random) }
                    let failed = CompareFixtures.unit(&random) < 0.01
                    if failed { failures += 1 }
                    values.append(probe.highestEquivalentForValue(UInt64(micros)))
                    window[index].record(RequestOutcome(
                        status: failed ? 503 : 200, bodyBytes: 100, newConnections: 0,
                        timing: TransferTiming(totalMicros: UInt64(micros)),
                        failure: failed ? RequestFailure(category: .httpStatus, message: "HTTP 503") : nil))
                }
                var row = IntervalStats(
                    name: window[index].name, method: "GET", requests: UInt64(count), failures: failures,
                    bodyBytes: UInt64(count) * 100, percentileMicros: [], minMicros: 0, maxMicros: 0, meanMicros: 0,
                    total: zero)
                row.latency = LatencyBuckets(buckets: buckets(values))
                rows.append(row)
                allRequests += UInt64(count)
                allFailures += failures
            }
            series.append(SecondSample(
                second: second, unixTime: 1_714_564_801 + second, users: 10, stage: 1, inWindow: true, requests: rows,
                aggregated: IntervalStats(
                    name: RequestStats.aggregatedName, method: "", requests: allRequests, failures: allFailures,
                    bodyBytes: allRequests * 100, percentileMicros: [], minMicros: 0, maxMicros: 0, meanMicros: 0,
                    total: zero),
                generatorCPUPercent: 30, schedulingLagMicros: 400))
        }
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        for stats in window { aggregated.add(stats) }
        let stage = StageResult(
            number: 1, users: 10, spawnRate: 10, startSeconds: 0, endSeconds: Double(windowSeconds),
            windowStartSeconds: 0, windowEndSeconds: Double(windowSeconds), requests: window, aggregated: aggregated,
            generator: GeneratorStats(cpuPercent: 30, allowedCores: 1, schedulingLagP99Micros: 400, schedulingLagMaxMicros: 900))
        return RunResult(
            provenance: CompareFixtures.provenance(start: CompareFixtures.start, seconds: windowSeconds),
            stages: [stage], series: series, failures: [], interrupted: false)
    }

    /// Bucket values (tops of HdrHistogram buckets) counted, ascending.
    private static func buckets(_ values: [UInt64]) -> [LatencyBuckets.Bucket] {
        var buckets: [LatencyBuckets.Bucket] = []
        for value in values.sorted() {
            if buckets.last?.value == value { buckets[buckets.count - 1].count += 1 } else {
                buckets.append(LatencyBuckets.Bucket(value: value, count: 1))
            }
        }
        return buckets
    }
}
