import LoadRunnerModel

/// One shard's result and where it came from (its folder, named in refusals).
package struct ShardPart: Sendable {
    package var source: String
    package var result: RunResult

    package init(source: String, result: RunResult) {
        self.source = source
        self.result = result
    }
}

/// Every reason a set of shard results cannot be merged (`ShardMergeProblem`), all found at once.
package struct ShardMergeRefusal: Error, Sendable, Equatable {
    package var problems: [ShardMergeProblem]
}

/// Adds the results of a sharded run's parts into the result of the whole, exactly: HDR buckets per stage and request
/// name, and per second aligned on absolute time. Pure: no files, no clock.
///
/// Counts add; a stage is saturated if any shard's generator was; peaks of in-flight requests add (an upper bound:
/// the shards' peaks need not coincide, and a sum never understates what the target had to hold); request budgets and
/// `max_connections` add (each shard has its share, and a pool of its own); users, spawn rates and target rates are the
/// profile's in every shard and stay as they are.
/// Actions, checks, process and command monitors are shard 0's: only shard 0 runs commands. Thresholds are left for
/// the caller to judge on the merged result (`evaluateThresholds`); each shard's own figures stay in `shards`.
package enum ShardMerger {
    /// The merged result of `parts` (any order), or every problem that forbids it.
    package static func merge(_ parts: [ShardPart]) throws(ShardMergeRefusal) -> RunResult {
        let problems = problems(parts)
        guard problems.isEmpty else { throw ShardMergeRefusal(problems: problems) }
        let ordered = parts.sorted { ($0.result.shard?.index ?? 0) < ($1.result.shard?.index ?? 0) }
        let results = ordered.map(\.result)
        let zeroMicros = results.compactMap(\.startUnixMicros).min() ?? 0
        let offsets = results.map { Double(($0.startUnixMicros ?? zeroMicros) - zeroMicros) / 1_000_000 }

        var merged = results[0]
        merged.provenance = provenance(results)
        merged.stages = stages(results, offsetSeconds: offsets)
        merged.series = SeriesMerger.merge(
            results.map(\.series), offsetSeconds: offsets.map { Int($0.rounded()) }, zeroUnixMicros: zeroMicros)
        merged.failures = failures(results)
        merged.interrupted = false
        merged.measurementsLost = nil
        merged.thresholds = nil
        merged.abortedBy = results.lazy.compactMap(\.abortedBy).first
        merged.startUnixMicros = zeroMicros
        merged.shard = nil
        merged.shards = results.map(summary)
        return merged
    }

    /// Shard 0's provenance over the whole run: earliest start, latest end, every shard's CPUs and hosts.
    static func provenance(_ results: [RunResult]) -> Provenance {
        var provenance = results[0].provenance
        provenance.startTime = results.map(\.provenance.startTime).min() ?? provenance.startTime
        provenance.endTime = results.map(\.provenance.endTime).max() ?? provenance.endTime
        provenance.cpuCount = results.reduce(0) { $0 + $1.provenance.cpuCount }
        provenance.allowedCPUCount = results.reduce(0) { $0 + $1.provenance.allowedCPUCount }
        let hosts = results.map(\.provenance.hostName)
        provenance.hostName = hosts.count <= 3
            ? hosts.joined(separator: ", ")
            : hosts.prefix(3).joined(separator: ", ") + " and \(hosts.count - 3) more"
        return provenance
    }

    /// Each stage number any shard ran, in order, merged over the shards that ran it.
    static func stages(_ results: [RunResult], offsetSeconds: [Double]) -> [StageResult] {
        let numbers = Set(results.flatMap { $0.stages.map(\.number) }).sorted()
        return numbers.map { number in
            let parts = results.indices.compactMap { index in
                results[index].stages.first { $0.number == number }.map { (stage: $0, offsetSeconds: offsetSeconds[index]) }
            }
            return StageMerger.merge(parts)
        }
    }

    /// Distinct failures (name, method, category, message): occurrences add, first and last seen widen.
    static func failures(_ results: [RunResult]) -> [FailureRecord] {
        var merged: [FailureRecord] = []
        for failure in results.flatMap(\.failures) {
            if let index = merged.firstIndex(where: {
                $0.name == failure.name && $0.method == failure.method && $0.category == failure.category
                    && $0.message == failure.message
            }) {
                merged[index].occurrences += failure.occurrences
                merged[index].firstSeen = min(merged[index].firstSeen, failure.firstSeen)
                merged[index].lastSeen = max(merged[index].lastSeen, failure.lastSeen)
            } else {
                merged.append(failure)
            }
        }
        return merged
    }

    /// One shard's own figures, kept beside the sums.
    static func summary(_ result: RunResult) -> ShardSummary {
        ShardSummary(
            index: result.shard?.index ?? 0, hostName: result.provenance.hostName,
            startUnixMicros: result.startUnixMicros ?? 0, lateStartMicros: result.shard?.lateStartMicros,
            allowedCPUCount: result.provenance.allowedCPUCount,
            stages: result.stages.map {
                ShardStageFigures(
                    stage: $0.number, requests: $0.aggregated.requests, cpuPercent: $0.generator.cpuPercent,
                    schedulingLagP99Micros: $0.generator.schedulingLagP99Micros, saturated: $0.generator.saturated)
            })
    }
}
