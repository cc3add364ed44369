import LoadRunnerText

/// Answers any metric of a finished run, for one stage window or for the whole run: the single lookup that
/// thresholds, checks and compare read through. Pure.
///
/// Stage windows: requests, latencies and the generator come from the stage's statistics window; process and
/// command monitors from their samples inside that window. A window of no length gives nil for every metric.
/// Without requests, latencies and the error rate are nil while counts and `rps` are 0.
///
/// The whole run: `count`, `ok`, `failed`, `error_rate`, `rps` and `received_bytes_per_s` count every request the target saw, warm-ups
/// included (the running totals of the last second; `count` and `rps` less the missed arrivals of the failure
/// records, which were never requests); latencies merge the stage windows' histograms; the
/// generator's CPU is the mean of its seconds and its lag the worst stage's; monitors use every sample.
package struct MetricValues: Sendable {
    /// Which part of the run a value is read over.
    package enum Window: Sendable, Hashable {
        /// Stage N's statistics window (1-based).
        case stage(Int)
        case run
    }

    package let result: RunResult

    package init(result: RunResult) { self.result = result }

    /// The value of `metric` over `window` in its unit (`MetricID.unit`); nil when undefined or not in the run
    /// (a stage that did not run, a request or monitor name the run does not have).
    package func value(_ metric: MetricID, in window: Window) -> Double? {
        switch metric.subject {
        case .total, .request: requestValue(metric, in: window)
        case .generator: generatorValue(metric.measure, in: window)
        case .monitor(let name): monitorValue(name, metric.measure, in: window)
        case .command(let name): commandValue(name, metric.measure, in: window)
        case .visibility(let read, let node): visibilityValue(read: read, node: node, metric.measure, in: window)
        case .flow(let name): flowValue(name, metric.measure, in: window)
        }
    }

    /// A request measure over one window's statistics; nil when it is undefined (latencies and the error rate
    /// without requests, throughput over an empty window, a measure that is not a request measure).
    ///
    /// Open-stage measures: `service.*` and `lag.*` read their histograms (nil when the row has none: a closed
    /// stage without `pacing`); `missed` counts the category (0 in a closed stage); `achieved_rps` is requests
    /// sent per second; `target_rps` is `targetPerSecond` (nil for a closed stage, and for request rows).
    package static func requestValue(
        _ measure: MetricMeasure, stats: RequestStats, windowSeconds: Double, targetPerSecond: Double? = nil
    ) -> Double? {
        let hasRequests = stats.requests > 0
        switch measure {
        case .servicePercentile(let percentile): return percentileMicros(stats.service, percentile)
        case .serviceMax: return percentileMicros(stats.service, 100)
        case .lagP99: return percentileMicros(stats.lag, 99)
        case .lagMax: return percentileMicros(stats.lag, 100)
        case .missed: return Double(stats.missed)
        case .missedRate: return hasRequests ? Double(stats.missed) / Double(stats.requests) : nil
        case .achievedRPS:
            let sent = stats.requests - Swift.min(stats.unsent, stats.requests)
            return windowSeconds > 0 ? Double(sent) / windowSeconds : nil
        case .targetRPS: return windowSeconds > 0 ? targetPerSecond : nil
        case .percentile(let percentile): return hasRequests ? Double(stats.latency.micros(atPercentile: percentile)) : nil
        case .mean: return hasRequests ? stats.meanMicros : nil
        case .min: return hasRequests ? Double(stats.latency.minMicros) : nil
        case .max: return hasRequests ? Double(stats.latency.maxMicros) : nil
        case .errorRate: return hasRequests ? stats.errorRate : nil
        case .rps: return windowSeconds > 0 ? stats.throughput(overSeconds: windowSeconds) : nil
        case .receivedBytesPerSecond: return windowSeconds > 0 ? Double(stats.bodyBytes) / windowSeconds : nil
        case .count: return Double(stats.requestsMade)
        case .ok: return Double(stats.requests - Swift.min(stats.failures, stats.requests))
        case .failed: return Double(stats.failures)
        default: return nil
        }
    }

    /// A percentile of a `service` or `lag` histogram (100: its maximum, the top of its bucket); nil without samples.
    private static func percentileMicros(_ histogram: LatencyHistogram?, _ percentile: Double) -> Double? {
        guard let histogram, histogram.count > 0 else { return nil }
        return Double(percentile == 100 ? histogram.maxMicros : histogram.micros(atPercentile: percentile))
    }

    private func stage(_ number: Int) -> StageResult? {
        result.stages.first { $0.number == number && $0.windowSeconds > 0 }
    }

    private func requestValue(_ metric: MetricID, in window: Window) -> Double? {
        let name: String? = if case .request(let name) = metric.subject { name } else { nil }
        switch window {
        case .stage(let number):
            guard let stage = stage(number) else { return nil }
            guard let stats = Self.rows(name, in: stage) else { return nil }
            return Self.requestValue(
                metric.measure, stats: stats, windowSeconds: stage.windowSeconds,
                targetPerSecond: name == nil ? stage.targetPerSecond : nil)
        case .run:
            let measure = metric.measure
            if measure.isLatency || measure.isOtherHistogram {
                var merged: RequestStats?
                for stage in result.stages where stage.windowSeconds > 0 {
                    guard let rows = Self.rows(name, in: stage) else { continue }
                    if merged == nil { merged = RequestStats(name: rows.name, method: rows.method) }
                    merged?.add(rows)
                }
                return merged.flatMap { Self.requestValue(measure, stats: $0, windowSeconds: 0) }
            }
            if [.missed, .missedRate, .achievedRPS, .targetRPS].contains(measure) {
                return openRunValue(measure, name: name)
            }
            guard let totals = runTotals(name) else { return nil }
            let seconds = Double(result.series.count)
            let made = totals.requests - Swift.min(runMissed(name), totals.requests)
            switch measure {
            case .count: return Double(made)
            case .ok: return Double(totals.requests - Swift.min(totals.failures, totals.requests))
            case .failed: return Double(totals.failures)
            case .errorRate: return totals.requests > 0 ? Double(totals.failures) / Double(totals.requests) : nil
            case .rps: return seconds > 0 ? Double(made) / seconds : nil
            case .receivedBytesPerSecond: return seconds > 0 ? Double(totals.bodyBytes) / seconds : nil
            default: return nil
            }
        }
    }

    /// `missed`, `missed_rate` and `achieved_rps` over the stage windows together (the running totals keep no
    /// categories), and `target_rps` as the windows' arrivals planned per second of them (nil without open stages).
    private func openRunValue(_ measure: MetricMeasure, name: String?) -> Double? {
        var merged: RequestStats?
        var seconds = 0.0
        var planned = 0.0
        var anyOpen = false
        for stage in result.stages where stage.windowSeconds > 0 {
            seconds += stage.windowSeconds
            if let target = stage.targetPerSecond {
                anyOpen = true
                planned += target * stage.windowSeconds
            }
            guard let rows = Self.rows(name, in: stage) else { continue }
            if merged == nil { merged = RequestStats(name: rows.name, method: rows.method) }
            merged?.add(rows)
        }
        if measure == .targetRPS { return name == nil && anyOpen && seconds > 0 ? planned / seconds : nil }
        return merged.flatMap { Self.requestValue(measure, stats: $0, windowSeconds: seconds) }
    }

    /// Whole-run request, failure and body byte counts from the last second's running totals (zero when no second
    /// was recorded but the name is in the profile's stages); nil for an unknown request name.
    private func runTotals(_ name: String?) -> (requests: UInt64, failures: UInt64, bodyBytes: UInt64)? {
        let last = result.series.last
        guard let name else {
            let total = last?.aggregated.total
            return (total?.requests ?? 0, total?.failures ?? 0, total?.bodyBytes ?? 0)
        }
        let rows = last?.requests.filter { $0.name == name } ?? []
        if !rows.isEmpty {
            return rows.reduce((0, 0, 0)) { ($0.0 + $1.total.requests, $0.1 + $1.total.failures, $0.2 + $1.total.bodyBytes) }
        }
        let known = result.stages.contains { $0.requests.contains { $0.name == name } }
        return known ? (0, 0, 0) : nil
    }

    /// Open-model arrivals of the whole run never sent (warm-ups included), from the failure records (the running
    /// totals keep no categories): what `count` and `rps` of the run leave out of the totals.
    private func runMissed(_ name: String?) -> UInt64 {
        result.failures.filter { $0.category == .missed && (name == nil || $0.name == name) }
            .reduce(0) { $0 + $1.occurrences }
    }

    /// The Aggregated row, or every row with this request name merged; nil when the stage has no such name.
    private static func rows(_ name: String?, in stage: StageResult) -> RequestStats? {
        guard let name else { return stage.aggregated }
        let rows = stage.requests.filter { $0.name == name }
        guard let first = rows.first else { return nil }
        var merged = RequestStats(name: name, method: first.method)
        for row in rows { merged.add(row) }
        return merged
    }

    private func generatorValue(_ measure: MetricMeasure, in window: Window) -> Double? {
        switch window {
        case .stage(let number):
            guard let generator = stage(number)?.generator else { return nil }
            switch measure {
            case .cpu: return generator.cpuPercent
            case .lagP99: return Double(generator.schedulingLagP99Micros)
            case .lagMax: return Double(generator.schedulingLagMaxMicros)
            default: return nil
            }
        case .run:
            switch measure {
            case .cpu:
                // The stages' own figures (from the monitor's readings, a missed second inside the next one),
                // weighted by their windows' lengths; not the per-second series, where a second the monitor
                // never reached reads 0.
                let windows = result.stages.map { (seconds: max(0, $0.windowEndSeconds - $0.windowStartSeconds), cpu: $0.generator.cpuPercent) }
                let total = windows.reduce(0) { $0 + $1.seconds }
                return total > 0 ? windows.reduce(0) { $0 + $1.seconds * $1.cpu } / total : nil
            case .lagP99: return result.stages.map { Double($0.generator.schedulingLagP99Micros) }.max()
            case .lagMax: return result.stages.map { Double($0.generator.schedulingLagMaxMicros) }.max()
            default: return nil
            }
        }
    }

    private func monitorValue(_ name: String, _ measure: MetricMeasure, in window: Window) -> Double? {
        guard let series = result.monitors?.first(where: { $0.name == name }) else { return nil }
        let seconds: [MonitorSecond]
        switch window {
        case .stage(let number):
            guard let stage = stage(number) else { return nil }
            seconds = series.seconds.filter { MonitorStageSummary.isInWindow($0, stage) }
        case .run:
            seconds = series.seconds
        }
        let alive = seconds.filter(\.alive)
        switch measure {
        case .cpu: return Self.mean(seconds.compactMap(\.cpuPercent))
        case .cpuMax: return seconds.compactMap(\.cpuPercent).max()
        case .memory, .memoryMax:
            // One figure for the whole window: PSS when every second has it, else RSS (an older result).
            let pssKnown = alive.allSatisfy { $0.pssBytes != nil }
            let memory = alive.compactMap { pssKnown ? $0.pssBytes : $0.rssBytes }
            return measure == .memory ? Self.mean(memory.map { Double($0) }) : memory.max().map { Double($0) }
        case .pss: return Self.mean(alive.compactMap(\.pssBytes).map { Double($0) })
        case .pssMax: return alive.compactMap(\.pssBytes).max().map { Double($0) }
        case .rss: return Self.mean(alive.compactMap(\.rssBytes).map { Double($0) })
        case .rssMax: return alive.compactMap(\.rssBytes).max().map { Double($0) }
        case .diskRead: return Self.mean(seconds.compactMap(\.readBytesPerSecond))
        case .diskWrite: return Self.mean(seconds.compactMap(\.writeBytesPerSecond))
        default: return nil
        }
    }

    private func commandValue(_ name: String, _ measure: MetricMeasure, in window: Window) -> Double? {
        guard let series = result.commandMonitors?.first(where: { $0.name == name }) else { return nil }
        let values: [Double]
        switch window {
        case .stage(let number):
            guard let stage = stage(number) else { return nil }
            values = series.samples.filter { $0.atSeconds >= stage.windowStartSeconds && $0.atSeconds < stage.windowEndSeconds }
                .compactMap(\.value)
        case .run:
            values = series.samples.compactMap(\.value)
        }
        let summary = CommandMonitorStageSummary(stage: 0, values: values)
        switch measure {
        case .min: return summary.min
        case .max: return summary.max
        case .mean: return summary.mean
        case .last: return summary.last
        case .count: return Double(summary.count)
        default: return nil
        }
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
