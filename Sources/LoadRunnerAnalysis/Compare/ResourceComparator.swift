import LoadRunnerModel

/// Compares the monitors of two runs: for each stage both runs have and each monitor name both runs have, a
/// process tree's CPU, memory and disk reads (`MetricID.comparedProcessMeasures`), or a command monitor's mean
/// value, as report-only `MetricComparison` rows judged like a request metric (`MetricJudge`, lower is better, no
/// budget). Pure and deterministic, like `RunComparator`.
///
/// `baseline` and `candidate` are the stage windows' means (`MonitorStageSummary`); the interval comes from a
/// bootstrap of the two windows' per-second values at the comparison's confidence.
enum ResourceComparator {
    /// Below this many per-second values in either window a monitor's row has no interval (the budget-less
    /// verdict then rests on the change alone): monitors are report-only, so they keep the plain bootstrap of means.
    static let minimumSeconds = 3

    /// Nil when the runs share no monitor name; otherwise stage by stage, then process in the baseline's order
    /// and metric, then command monitors in the baseline's order.
    static func compare(
        baseline: RunResult, candidate: RunResult, stages: [StageMatcher.StagePair], bootstrap: Bootstrap, seed: UInt64
    ) -> [MetricComparison]? {
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
                MetricID.comparedProcessMeasures.filter { $0 != .pss || (base.hasPSS && cand.hasPSS) }.map { measure in
                    let metric = MetricID(.monitor(base.name), measure)
                    return compare(metric, base, cand, stage: stage, bootstrap: bootstrap, seed: seed)
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
    ) -> MetricComparison {
        let baseSamples = samples(base, window: stage.baseline)
        let candSamples = samples(cand, window: stage.candidate)
        let low = Swift.min(baseSamples.count, candSamples.count) < minimumSeconds
        let key = "command\u{1F}\(stage.baseline.number)\u{1F}\(base.name)\u{1F}mean"
        let interval = low
            ? nil
            : bootstrap.differenceOfMeans(baseline: baseSamples, candidate: candSamples, seed: Bootstrap.seed(seed, key: key))
        let metric = MetricID(.command(base.name), .mean)
        return comparison(
            stage: stage.baseline.number, name: base.name, metric: metric, commandUnit: base.unit,
            baseline: values.baseline.value(metric, in: .stage(stage.baseline.number)),
            candidate: values.candidate.value(metric, in: .stage(stage.candidate.number)),
            interval: interval, seconds: (baseSamples.count, candSamples.count), low: low)
    }

    /// A command monitor's values sampled inside `window`'s statistics window.
    private static func samples(_ series: CommandMonitorSeries, window: StageResult) -> [Double] {
        series.samples.filter { $0.atSeconds >= window.windowStartSeconds && $0.atSeconds < window.windowEndSeconds }
            .compactMap(\.value)
    }

    private static func compare(
        _ metric: MetricID, _ base: MonitorSeries, _ cand: MonitorSeries, stage: StageMatcher.StagePair,
        bootstrap: Bootstrap, seed: UInt64
    ) -> MetricComparison {
        let baseSamples = samples(base, metric, window: stage.baseline)
        let candSamples = samples(cand, metric, window: stage.candidate)
        let low = Swift.min(baseSamples.count, candSamples.count) < minimumSeconds
        let key = "resource\u{1F}\(stage.baseline.number)\u{1F}\(base.name)\u{1F}\(metric.compareName)"
        let interval = low
            ? nil
            : bootstrap.differenceOfMeans(baseline: baseSamples, candidate: candSamples, seed: Bootstrap.seed(seed, key: key))
        return comparison(
            stage: stage.baseline.number, name: base.name, metric: metric, commandUnit: nil,
            baseline: mean(metric.measure, MonitorStageSummary(seconds: base.seconds, windowOf: stage.baseline)),
            candidate: mean(metric.measure, MonitorStageSummary(seconds: cand.seconds, windowOf: stage.candidate)),
            interval: interval, seconds: (baseSamples.count, candSamples.count), low: low)
    }

    /// A report-only row: no budget; lower is better for every resource and, by the metric model's polarity,
    /// every command monitor.
    private static func comparison(
        stage: Int, name: String, metric: MetricID, commandUnit: String?, baseline: Double?, candidate: Double?,
        interval: ConfidenceInterval?, seconds: (baseline: Int, candidate: Int), low: Bool
    ) -> MetricComparison {
        MetricComparison(
            stage: stage, name: name, metric: metric, commandUnit: commandUnit, baseline: baseline,
            candidate: candidate, interval: interval, baselineSeconds: seconds.baseline,
            candidateSeconds: seconds.candidate, lowSampleCount: low,
            verdict: MetricJudge.verdict(
                baseline: baseline, candidate: candidate, interval: interval, lowSampleCount: low, budget: nil,
                higherIsBetter: false))
    }

    /// The stage-window mean of a process monitor's measure.
    private static func mean(_ measure: MetricMeasure, _ summary: MonitorStageSummary) -> Double? {
        switch measure {
        case .cpu: summary.cpuPercentMean
        case .rss: summary.rssBytesMean
        case .pss: summary.pssBytesMean
        case .diskRead: summary.readBytesPerSecondMean
        default: nil
        }
    }

    /// A process monitor's measure in one per-second sample.
    private static func value(_ measure: MetricMeasure, _ second: MonitorSecond) -> Double? {
        switch measure {
        case .cpu: second.cpuPercent
        case .rss: second.alive ? second.rssBytes.map { Double($0) } : nil
        case .pss: second.alive ? second.pssBytes.map { Double($0) } : nil
        case .diskRead: second.readBytesPerSecond
        default: nil
        }
    }

    /// The metric's per-second values inside `window`'s statistics window.
    private static func samples(_ series: MonitorSeries, _ metric: MetricID, window: StageResult) -> [Double] {
        series.seconds.filter { MonitorStageSummary.isInWindow($0, window) }.compactMap { value(metric.measure, $0) }
    }
}
