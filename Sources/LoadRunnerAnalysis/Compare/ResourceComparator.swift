import LoadRunnerModel

/// Compares the monitored processes of two runs: for each stage both runs have and each monitor name both
/// runs have, CPU, memory and disk reads (`ResourceMetric`). Pure and deterministic, like `RunComparator`.
enum ResourceComparator {
    /// Nil when either run monitored nothing or they share no monitor name; otherwise stage by stage, then
    /// process in the baseline's order, then metric.
    static func compare(
        baseline: RunResult, candidate: RunResult, stages: [StageMatcher.StagePair], bootstrap: Bootstrap, seed: UInt64
    ) -> [ResourceComparison]? {
        guard let baseMonitors = baseline.monitors, let candMonitors = candidate.monitors else { return nil }
        let pairs = baseMonitors.compactMap { base in candMonitors.first { $0.name == base.name }.map { (base, $0) } }
        guard !pairs.isEmpty else { return nil }
        return stages.flatMap { stage in
            pairs.flatMap { base, cand in
                ResourceMetric.allCases.map { metric in
                    compare(metric, base, cand, stage: stage, bootstrap: bootstrap, seed: seed)
                }
            }
        }
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
