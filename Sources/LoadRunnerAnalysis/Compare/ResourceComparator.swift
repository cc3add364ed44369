import LoadRunnerModel

/// Compares the monitors of two runs: for each stage both runs have and each monitor name both runs have, a
/// process tree's CPU, memory and disk reads, or a command monitor's mean value (`ResourceMetric`). Pure and
/// deterministic, like `RunComparator`.
enum ResourceComparator {
    /// Nil when the runs share no monitor name; otherwise stage by stage, then process in the baseline's order
    /// and metric, then command monitors in the baseline's order.
    static func compare(
        baseline: RunResult, candidate: RunResult, stages: [StageMatcher.StagePair], bootstrap: Bootstrap, seed: UInt64
    ) -> [ResourceComparison]? {
        let baseMonitors = baseline.monitors ?? [], candMonitors = candidate.monitors ?? []
        let pairs = baseMonitors.compactMap { base in candMonitors.first { $0.name == base.name }.map { (base, $0) } }
        let candCommands = candidate.commandMonitors ?? []
        let commands = (baseline.commandMonitors ?? []).compactMap { base in
            candCommands.first { $0.name == base.name }.map { (base, $0) }
        }
        guard !pairs.isEmpty || !commands.isEmpty else { return nil }
        let values = (baseline: MetricValues(result: baseline), candidate: MetricValues(result: candidate))
        return stages.flatMap { stage in
            pairs.flatMap { base, cand in
                // PSS only when both runs measured it (results written before it have RSS alone).
                ResourceMetric.processCases.filter { $0 != .pssBytes || (base.hasPSS && cand.hasPSS) }.map { metric in
                    compare(metric, base, cand, stage: stage, bootstrap: bootstrap, seed: seed)
                }
            } + commands.map { base, cand in
                compare(base, cand, values: values, stage: stage, bootstrap: bootstrap, seed: seed)
            }
        }
    }

    /// A command monitor both runs have: the stage windows' means (`command[NAME].mean`) and their samples.
    private static func compare(
        _ base: CommandMonitorSeries, _ cand: CommandMonitorSeries, values: (baseline: MetricValues, candidate: MetricValues),
        stage: StageMatcher.StagePair, bootstrap: Bootstrap, seed: UInt64
    ) -> ResourceComparison {
        let baseSamples = samples(base, window: stage.baseline)
        let candSamples = samples(cand, window: stage.candidate)
        let low = Swift.min(baseSamples.count, candSamples.count) < CompareMethod.defaultMinimumSeconds
        let key = "command\u{1F}\(stage.baseline.number)\u{1F}\(base.name)\u{1F}mean"
        let interval = low
            ? nil
            : bootstrap.differenceOfMeans(baseline: baseSamples, candidate: candSamples, seed: Bootstrap.seed(seed, key: key))
        let metric = MetricID(.command(base.name), .mean)
        return ResourceComparison(
            stage: stage.baseline.number, process: base.name, metric: .commandMean,
            baseline: values.baseline.value(metric, in: .stage(stage.baseline.number)),
            candidate: values.candidate.value(metric, in: .stage(stage.candidate.number)),
            interval: interval, baselineSeconds: baseSamples.count, candidateSeconds: candSamples.count,
            lowSampleCount: low, commandUnit: base.unit)
    }

    /// A command monitor's values sampled inside `window`'s statistics window.
    private static func samples(_ series: CommandMonitorSeries, window: StageResult) -> [Double] {
        series.samples.filter { $0.atSeconds >= window.windowStartSeconds && $0.atSeconds < window.windowEndSeconds }
            .compactMap(\.value)
    }

    private static func compare(
        _ metric: ResourceMetric, _ base: MonitorSeries, _ cand: MonitorSeries, stage: StageMatcher.StagePair,
        bootstrap: Bootstrap, seed: UInt64
    ) -> ResourceComparison {
        let baseSamples = samples(base, metric, window: stage.baseline)
        let candSamples = samples(cand, metric, window: stage.candidate)
        let low = Swift.min(baseSamples.count, candSamples.count) < CompareMethod.defaultMinimumSeconds
        let key = "resource\u{1F}\(stage.baseline.number)\u{1F}\(base.name)\u{1F}\(metric.rawValue)"
        let interval = low
            ? nil
            : bootstrap.differenceOfMeans(baseline: baseSamples, candidate: candSamples, seed: Bootstrap.seed(seed, key: key))
        return ResourceComparison(
            stage: stage.baseline.number, process: base.name, metric: metric,
            baseline: metric.mean(MonitorStageSummary(seconds: base.seconds, windowOf: stage.baseline)),
            candidate: metric.mean(MonitorStageSummary(seconds: cand.seconds, windowOf: stage.candidate)),
            interval: interval, baselineSeconds: baseSamples.count, candidateSeconds: candSamples.count,
            lowSampleCount: low)
    }

    /// The metric's per-second values inside `window`'s statistics window.
    private static func samples(_ series: MonitorSeries, _ metric: ResourceMetric, window: StageResult) -> [Double] {
        series.seconds.filter { MonitorStageSummary.isInWindow($0, window) }.compactMap(metric.value)
    }
}
