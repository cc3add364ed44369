import LoadRunnerModel

/// Adds one stage's results from several shards: histograms and counts add, the window spans the shards' windows on
/// the common time axis, and the generator is saturated if any shard's was. The stage's users, spawn rate and target
/// rates are the profile's in every shard (docs/sharding.md) and stay so; request budgets are each shard's share, and
/// add.
enum StageMerger {
    /// The stage of all `parts`; each part's times are moved by its `offsetSeconds` (its start after the earliest
    /// shard's). `parts` is not empty.
    static func merge(_ parts: [(stage: StageResult, offsetSeconds: Double)]) -> StageResult {
        let stages = parts.map(\.stage)
        var merged = stages[0]
        merged.users = stages.map(\.users).max() ?? merged.users
        merged.spawnRate = stages.map(\.spawnRate).max() ?? merged.spawnRate
        merged.startSeconds = parts.map { $0.stage.startSeconds + $0.offsetSeconds }.min() ?? merged.startSeconds
        merged.endSeconds = parts.map { $0.stage.endSeconds + $0.offsetSeconds }.max() ?? merged.endSeconds
        merged.windowStartSeconds = parts.map { $0.stage.windowStartSeconds + $0.offsetSeconds }.min() ?? merged.windowStartSeconds
        merged.windowEndSeconds = parts.map { $0.stage.windowEndSeconds + $0.offsetSeconds }.max() ?? merged.windowEndSeconds
        merged.requests = keyedSum(stages.map(\.requests), key: { "\($0.method) \($0.name)" }) { $0.add($1) }
        merged.aggregated = stages.dropFirst().reduce(into: stages[0].aggregated) { $0.add($1.aggregated) }
        merged.generator = generator(stages.map(\.generator))
        merged.requestLimit = sum(stages.map(\.requestLimit))
        merged.requestsSent = sum(stages.map(\.requestsSent))
        let reached = stages.compactMap(\.reachedRequestLimit)
        merged.reachedRequestLimit = reached.isEmpty ? nil : reached.allSatisfy { $0 }
        let cut = stages.compactMap(\.cutShort)
        merged.cutShort = cut.isEmpty ? nil : cut.contains(true)
        let inFlight = keyedSum(stages.compactMap(\.inFlightAtEnd), key: { "\($0.method) \($0.name)" }) {
            $0.count += $1.count
            $0.longestMicros = max($0.longestMicros, $1.longestMicros)
        }
        merged.inFlightAtEnd = inFlight.isEmpty ? nil : inFlight
        merged.open = open(stages.compactMap(\.open))
        merged.flows = optionalKeyedSum(stages.map(\.flows), key: \.name) { $0.add($1) }
        merged.visibility = optionalKeyedSum(stages.map(\.visibility), key: { "\($0.name)\u{0}\($0.node ?? "")" }) { $0.add($1) }
        return merged
    }

    /// The shards' generators: CPU and allowed cores add (the share is the fleet's), the lag histograms add, each
    /// shard's loops are kept (renumbered after the previous shard's), saturated if any was, with the first cause.
    static func generator(_ generators: [GeneratorStats]) -> GeneratorStats {
        var merged = generators[0]
        merged.cpuPercent = generators.reduce(0) { $0 + $1.cpuPercent }
        merged.allowedCores = generators.reduce(0) { $0 + $1.allowedCores }
        let lags = generators.compactMap(\.schedulingLag)
        if lags.count == generators.count {
            let lag = lags.dropFirst().reduce(into: lags[0]) { $0.add($1) }
            merged.schedulingLag = lag
            merged.schedulingLagP99Micros = lag.micros(atPercentile: 99)
            merged.schedulingLagMaxMicros = lag.maxMicros
        } else {
            merged.schedulingLag = nil
            merged.schedulingLagP99Micros = generators.map(\.schedulingLagP99Micros).max() ?? 0
            merged.schedulingLagMaxMicros = generators.map(\.schedulingLagMaxMicros).max() ?? 0
        }
        let saturated = generators.first { $0.saturated }
        merged.saturated = saturated != nil
        merged.saturationCause = saturated?.saturationCause
        if generators.contains(where: { $0.loops != nil }) {
            var loops: [LoopLoad] = []
            for generator in generators {
                for var loop in generator.loops ?? [] {
                    loop.loop = loops.count + 1
                    loops.append(loop)
                }
            }
            merged.loops = loops
        }
        return merged
    }

    /// Open stages' dispatch figures: every count adds, and so do `max_connections` (each shard has a pool of its own)
    /// and the peaks in flight (an upper bound of the fleet's peak; see `ShardMerger`); the target rates are the
    /// profile's in every shard. nil when no shard's stage is open.
    static func open(_ stats: [OpenStageStats]) -> OpenStageStats? {
        guard var merged = stats.first else { return nil }
        for other in stats.dropFirst() {
            merged.targetStartPerSecond = max(merged.targetStartPerSecond, other.targetStartPerSecond)
            merged.targetEndPerSecond = max(merged.targetEndPerSecond, other.targetEndPerSecond)
            merged.due += other.due
            merged.sent += other.sent
            merged.completed += other.completed
            merged.missed += other.missed
            merged.peakInFlight += other.peakInFlight
            merged.connectionsOpened += other.connectionsOpened
            merged.maxConnections += other.maxConnections
            merged.reachedMaxConnections = merged.reachedMaxConnections || other.reachedMaxConnections
        }
        return merged
    }

    /// The sum of the values present; nil when none is.
    static func sum(_ values: [Int?]) -> Int? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +)
    }

    /// The rows of every list, rows with the same key folded with `add`, in order of first appearance.
    static func keyedSum<Row>(_ lists: [[Row]], key: (Row) -> String, add: (inout Row, Row) -> Void) -> [Row] {
        var merged: [Row] = []
        var indexByKey: [String: Int] = [:]
        for row in lists.joined() {
            if let index = indexByKey[key(row)] {
                add(&merged[index], row)
            } else {
                indexByKey[key(row)] = merged.count
                merged.append(row)
            }
        }
        return merged
    }

    /// `keyedSum` of the lists present; nil when every shard's is nil.
    static func optionalKeyedSum<Row>(_ lists: [[Row]?], key: (Row) -> String, add: (inout Row, Row) -> Void) -> [Row]? {
        let present = lists.compactMap { $0 }
        return present.isEmpty ? nil : keyedSum(present, key: key, add: add)
    }
}
