extension RunResult {
    /// Seconds covered by all stage windows together (warm-ups excluded).
    package var measuredSeconds: Double { stages.reduce(0) { $0 + $1.windowSeconds } }

    /// Wall-clock length of the run in seconds (never negative).
    package var durationSeconds: Double { max(0, provenance.endTime.timeIntervalSince(provenance.startTime)) }

    /// Every stage window merged per (name, method), sorted by name then method; exact (histograms merge exactly).
    package var mergedRequests: [RequestStats] {
        var merged: [MergeKey: RequestStats] = [:]
        for stage in stages {
            for stats in stage.requests {
                merged[MergeKey(name: stats.name, method: stats.method), default: RequestStats(
                    name: stats.name, method: stats.method)].add(stats)
            }
        }
        return merged.keys.sorted().compactMap { merged[$0] }
    }

    /// The aggregate of every stage window merged.
    package var mergedAggregated: RequestStats {
        var total = RequestStats(name: RequestStats.aggregatedName, method: "")
        for stage in stages { total.add(stage.aggregated) }
        return total
    }
}

/// A request's identity in merged statistics: ordered by name, then method (Locust's order).
private struct MergeKey: Hashable, Comparable {
    var name: String
    var method: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.name, lhs.method) < (rhs.name, rhs.method)
    }
}
