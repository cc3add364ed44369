/// Visibility probes and flow iterations: their stage rows (`StageResult.visibility`, `StageResult.flows`) merged
/// over the window (the whole run merges every stage window's rows, exactly).
extension MetricValues {
    /// A visibility measure of the probes of `read` (nil: every read) answered by `node` (nil: every node); nil when
    /// the window has no such probe row, and for percentiles without a visible probe and shares without probes.
    func visibilityValue(read: String?, node: String?, _ measure: MetricMeasure, in window: Window) -> Double? {
        let rows = stages(in: window).flatMap { $0.visibility ?? [] }
            .filter { (read == nil || $0.name == read) && (node == nil || $0.node == node) }
        guard let first = rows.first else { return nil }
        var merged = VisibilityStats(name: first.name, node: node)
        rows.forEach { merged.add($0) }
        return Self.visibilityValue(measure, merged)
    }

    /// A visibility measure of one (merged) probe row; see `visibilityValue(read:node:_:in:)`.
    package static func visibilityValue(_ measure: MetricMeasure, _ stats: VisibilityStats) -> Double? {
        let time = stats.timeToVisibility
        switch measure {
        case .percentile(let percentile): return time.count > 0 ? Double(time.micros(atPercentile: percentile)) : nil
        case .max: return time.count > 0 ? Double(time.maxMicros) : nil
        case .probes: return Double(stats.probes)
        case .staleRate: return stats.probes > 0 ? stats.staleRate : nil
        case .notVisible: return Double(stats.notVisible)
        case .notVisibleRate: return stats.probes > 0 ? Double(stats.notVisible) / Double(stats.probes) : nil
        default: return nil
        }
    }

    /// A flow measure of the flow named `name` over the window; nil when the window has no row for it, and for
    /// percentiles without a completed iteration and the skipped share without iterations.
    func flowValue(_ name: String, _ measure: MetricMeasure, in window: Window) -> Double? {
        let rows = stages(in: window).flatMap { $0.flows ?? [] }.filter { $0.name == name }
        guard !rows.isEmpty else { return nil }
        var merged = FlowStats(name: name)
        rows.forEach { merged.add($0) }
        return Self.flowValue(measure, merged)
    }

    /// A flow measure of one (merged) flow row; see `flowValue(_:_:in:)`.
    package static func flowValue(_ measure: MetricMeasure, _ stats: FlowStats) -> Double? {
        let time = stats.iterationTime
        let iterations = stats.iterationsCompleted + stats.iterationsSkipped
        switch measure {
        case .percentile(let percentile): return time.count > 0 ? Double(time.micros(atPercentile: percentile)) : nil
        case .max: return time.count > 0 ? Double(time.maxMicros) : nil
        case .completed: return Double(stats.iterationsCompleted)
        case .skipped: return Double(stats.iterationsSkipped)
        case .skippedRate: return iterations > 0 ? Double(stats.iterationsSkipped) / Double(iterations) : nil
        default: return nil
        }
    }

    /// The stages a window covers: stage N when its window has a length, or every such stage for the run.
    private func stages(in window: Window) -> [StageResult] {
        let measured = result.stages.filter { $0.windowSeconds > 0 }
        switch window {
        case .stage(let number): return measured.filter { $0.number == number }
        case .run: return measured
        }
    }
}
