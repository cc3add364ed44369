import Foundation
import LoadRunnerModel

/// Splits a real result into `count` shard results at random, the inverse of `ShardMerger`: every histogram bucket's
/// count, every counter and every failure's occurrences are dealt to the shards in random parts that sum to the
/// whole; figures that are not sums (CPU, loops, saturation) go to shard 0 whole, and the profile's own figures
/// (users, spawn rate, target rates) stay whole in every shard, as `run --shard` records them. Seeded, so a failure
/// repeats.
struct ShardSplitter {
    var generator: SplitMix64
    let count: Int

    init(seed: UInt64, count: Int) {
        generator = SplitMix64(state: seed)
        self.count = count
    }

    static let profileHash = "sha256:" + String(repeating: "ab", count: 32)

    /// The shards of `result`, index i at position i, each with its `ShardInfo` and the common start.
    mutating func split(_ result: RunResult, startUnixMicros: Int64 = 1_714_564_800_000_000) -> [RunResult] {
        var parts = Array(repeating: result, count: count)
        let stages = result.stages.map { split($0) }
        let series = splitSeries(result.series)
        let failures = result.failures.map { failure in
            split(failure.occurrences).map { occurrences in
                var part = failure
                part.occurrences = occurrences
                return part
            }
        }
        for index in 0..<count {
            parts[index].stages = stages.map { $0[index] }
            parts[index].series = series[index]
            parts[index].failures = failures.map { $0[index] }.filter { $0.occurrences > 0 }
            parts[index].startUnixMicros = startUnixMicros
            parts[index].seed = result.seed ?? 42
            parts[index].shard = ShardInfo(
                index: index, count: count, profileHash: Self.profileHash, startAtUnixMicros: startUnixMicros,
                lateStartMicros: 0)
            parts[index].provenance.hostName = "shard-\(index)"
            if index > 0 {
                parts[index].monitors = nil
                parts[index].commandMonitors = nil
                parts[index].actions = nil
                parts[index].checks = nil
                parts[index].provenance.cpuCount = 0
                parts[index].provenance.allowedCPUCount = 0
            }
        }
        return parts
    }

    /// `value` in `count` random parts that sum to it.
    mutating func split(_ value: UInt64) -> [UInt64] {
        let cuts = ((1..<count).map { _ in value == 0 ? 0 : UInt64.random(in: 0...value, using: &generator) } + [0, value]).sorted()
        return (0..<count).map { cuts[$0 + 1] - cuts[$0] }
    }

    mutating func split(_ value: Int) -> [Int] { split(UInt64(value)).map { Int($0) } }

    mutating func split(_ histogram: LatencyHistogram) -> [LatencyHistogram] {
        var parts = Array(repeating: LatencyHistogram(), count: count)
        for bucket in LatencyBuckets(histogram).buckets {
            for (index, part) in split(bucket.count).enumerated() where part > 0 {
                parts[index].record(micros: bucket.value, count: part)
            }
        }
        return parts
    }

    mutating func split(_ buckets: LatencyBuckets?) -> [LatencyBuckets?] {
        guard let buckets else { return Array(repeating: nil, count: count) }
        return split(buckets.histogram).map { LatencyBuckets($0) }
    }

    mutating func split(_ stats: RequestStats) -> [RequestStats] {
        var parts = Array(repeating: RequestStats(name: stats.name, method: stats.method), count: count)
        let requests = split(stats.requests), failures = split(stats.failures), bytes = split(stats.bodyBytes)
        let connections = split(stats.newConnections), latency = split(stats.latency)
        let service = stats.service.map { split($0) }, lag = stats.lag.map { split($0) }
        let timing = [
            split(stats.timing.dnsMicros), split(stats.timing.connectMicros), split(stats.timing.tlsMicros),
            split(stats.timing.firstByteMicros), split(stats.timing.totalMicros),
        ]
        var categories: [FailureCategory: [UInt64]] = [:]
        for (category, value) in stats.failuresByCategory { categories[category] = split(value) }
        for index in 0..<count {
            parts[index].requests = requests[index]
            parts[index].failures = failures[index]
            parts[index].bodyBytes = bytes[index]
            parts[index].newConnections = connections[index]
            parts[index].latency = latency[index]
            parts[index].service = service?[index]
            parts[index].lag = lag?[index]
            parts[index].timing.dnsMicros = timing[0][index]
            parts[index].timing.connectMicros = timing[1][index]
            parts[index].timing.tlsMicros = timing[2][index]
            parts[index].timing.firstByteMicros = timing[3][index]
            parts[index].timing.totalMicros = timing[4][index]
            for (category, values) in categories { parts[index].failuresByCategory[category] = values[index] }
        }
        return parts
    }

    mutating func split(_ stage: StageResult) -> [StageResult] {
        var parts = Array(repeating: stage, count: count)
        let requests = stage.requests.map { split($0) }
        let aggregated = split(stage.aggregated)
        let lag = stage.generator.schedulingLag.map { split($0) }
        let limit = stage.requestLimit.map { split($0) }, sent = stage.requestsSent.map { split($0) }
        let inFlight = stage.inFlightAtEnd.map { $0.map { row in split(row.count).map { part in
            var share = row
            share.count = part
            return share
        } } }
        let open = stage.open.map { open in
            (due: split(open.due), sent: split(open.sent), completed: split(open.completed), missed: split(open.missed),
             peak: split(open.peakInFlight), opened: split(open.connectionsOpened), max: split(open.maxConnections))
        }
        let flows = stage.flows.map { $0.map { flow in
            (completed: split(flow.iterationsCompleted), skipped: split(flow.iterationsSkipped), time: split(flow.iterationTime))
        } }
        let visibility = stage.visibility.map { $0.map { row in
            (probes: split(row.probes), first: split(row.firstPollVisible), notVisible: split(row.notVisible),
             polls: split(row.polls), time: split(row.timeToVisibility))
        } }
        for index in 0..<count {
            parts[index].requests = requests.map { $0[index] }
            parts[index].aggregated = aggregated[index]
            parts[index].requestLimit = limit?[index]
            parts[index].requestsSent = sent?[index]
            parts[index].inFlightAtEnd = inFlight?.map { $0[index] }
            if let lag {
                parts[index].generator.schedulingLag = lag[index]
                parts[index].generator.schedulingLagP99Micros = lag[index].micros(atPercentile: 99)
                parts[index].generator.schedulingLagMaxMicros = lag[index].maxMicros
            }
            if let open {
                parts[index].open?.due = open.due[index]
                parts[index].open?.sent = open.sent[index]
                parts[index].open?.completed = open.completed[index]
                parts[index].open?.missed = open.missed[index]
                parts[index].open?.peakInFlight = open.peak[index]
                parts[index].open?.connectionsOpened = open.opened[index]
                parts[index].open?.maxConnections = open.max[index]
            }
            if let flows {
                for (row, flow) in flows.enumerated() {
                    parts[index].flows?[row].iterationsCompleted = flow.completed[index]
                    parts[index].flows?[row].iterationsSkipped = flow.skipped[index]
                    parts[index].flows?[row].iterationTime = flow.time[index]
                }
            }
            if let visibility {
                for (row, split) in visibility.enumerated() {
                    parts[index].visibility?[row].probes = split.probes[index]
                    parts[index].visibility?[row].firstPollVisible = split.first[index]
                    parts[index].visibility?[row].notVisible = split.notVisible[index]
                    parts[index].visibility?[row].polls = split.polls[index]
                    parts[index].visibility?[row].timeToVisibility = split.time[index]
                }
            }
            if index > 0 {
                // Not sums: the whole figure stays with shard 0, so that the merged one is the original.
                parts[index].generator.cpuPercent = 0
                parts[index].generator.allowedCores = 0
                parts[index].generator.saturated = false
                parts[index].generator.saturationCause = nil
                parts[index].generator.loops = nil
                parts[index].open?.reachedMaxConnections = false
            }
        }
        return parts
    }

    /// Each second's rows split at random; each shard's running totals are its own cumulative counts (its mean, min
    /// and max the original's, which the merge then gives back).
    mutating func splitSeries(_ series: [SecondSample]) -> [[SecondSample]] {
        var parts = Array(repeating: series, count: count)
        var cumulative = Array(repeating: [String: (requests: UInt64, failures: UInt64, bytes: UInt64, samples: UInt64)](), count: count)
        for (second, sample) in series.enumerated() {
            let users = split(sample.users)
            let rows = sample.requests.map { split($0) }
            for index in 0..<count {
                var part = sample
                part.users = users[index]
                if index > 0 { part.generatorCPUPercent = 0 }
                part.requests = rows.map { $0[index] }
                var aggregate = part.aggregated
                aggregate.requests = part.requests.reduce(0) { $0 + $1.requests }
                aggregate.failures = part.requests.reduce(0) { $0 + $1.failures }
                aggregate.bodyBytes = part.requests.reduce(0) { $0 + $1.bodyBytes }
                aggregate.missed = part.requests.reduce(0) { $0 + $1.missed }
                part.aggregated = aggregate
                for row in part.requests.indices {
                    part.requests[row].total = totals(part.requests[row], original: sample.requests[row].total, &cumulative[index])
                }
                part.aggregated.total = totals(
                    part.aggregated, samples: part.requests.reduce(0) { $0 + ($1.latency?.count ?? 0) },
                    original: sample.aggregated.total, &cumulative[index])
                parts[index][second] = part
            }
        }
        return parts
    }

    private mutating func split(_ row: IntervalStats) -> [IntervalStats] {
        let requests = split(row.requests), failures = split(row.failures), bytes = split(row.bodyBytes)
        let missed = split(row.missed), latency = split(row.latency), service = split(row.service), lag = split(row.lag)
        return (0..<count).map { index in
            var part = IntervalStats(
                name: row.name, method: row.method, requests: requests[index], failures: failures[index],
                bodyBytes: bytes[index], latency: latency[index]?.histogram ?? LatencyHistogram(), total: row.total)
            part.missed = missed[index]
            part.service = service[index]
            part.lag = lag[index]
            return part
        }
    }

    private func totals(
        _ row: IntervalStats, samples: UInt64? = nil, original: RunningTotals,
        _ cumulative: inout [String: (requests: UInt64, failures: UInt64, bytes: UInt64, samples: UInt64)]
    ) -> RunningTotals {
        let key = "\(row.method) \(row.name)"
        var sums = cumulative[key] ?? (0, 0, 0, 0)
        sums.requests += row.requests
        sums.failures += row.failures
        sums.bytes += row.bodyBytes
        sums.samples += samples ?? row.latency?.count ?? 0
        cumulative[key] = sums
        let measured = sums.samples > 0
        return RunningTotals(
            requests: sums.requests, failures: sums.failures, bodyBytes: sums.bytes, medianMicros: 0,
            meanMicros: measured ? original.meanMicros : 0, minMicros: measured ? original.minMicros : 0,
            maxMicros: measured ? original.maxMicros : 0)
    }
}

/// A small seeded generator (SplitMix64), so a split repeats from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
