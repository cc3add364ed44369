import LoadRunnerModel

/// Compares a baseline run with a candidate run, stage by stage and request name by request name, and decides
/// for each metric whether the candidate is better, worse, or not significantly different. Pure and
/// deterministic: the same results, budgets and seed always give the same `CompareResult`.
///
/// Point estimates come from the exact stage histograms and counts; the confidence interval of the change
/// comes from a seeded moving-block bootstrap of each stage window's whole seconds that recomputes the same
/// statistic from the merged per-second histograms and counts (see `BlockBootstrap`). A change counts only when
/// it exceeds its budget (every limit given) and its interval lies wholly on one side of 0; a window with fewer
/// than `BlockBootstrap.minimumBlocks` blocks is too short to judge.
///
/// `confidence` holds for the budgeted metrics together (family-wise): with `m` budgeted metrics that have
/// intervals, each interval is computed at `1 - (1 - confidence) / m` (Bonferroni), from enough resamples that
/// each tail holds at least 10 (`BlockBootstrap.resamples`), so that two runs of the same server fail a
/// comparison of many stages and names no more often than `1 - confidence` of the time.
package struct RunComparator: Sendable {
    /// The budgets applied, at most one per metric (when several name a metric, the last one wins, so that a
    /// budget given later, on the command line say, overrides an earlier one).
    package let budgets: [Budget]
    /// The family-wise confidence level, 0.5...0.999.
    package let confidence: Double
    /// The fewest bootstrap resamples per interval (at least 1); more are drawn for a large family.
    package let resamples: Int
    /// The fewest resamples in each Bonferroni tail (`BlockBootstrap.resamples`); tests that judge thousands of
    /// comparisons lower it.
    package let resamplesPerTail: Int
    /// The seed each metric's bootstrap seed is derived from (with its stage, name and metric).
    package let seed: UInt64

    package init(
        budgets: [Budget] = Budget.defaults, confidence: Double = 0.95, resamples: Int = 2000,
        resamplesPerTail: Int = BlockBootstrap.defaultPerTail, seed: UInt64 = 1
    ) {
        var byMetric: [MetricID: Budget] = [:]
        for budget in budgets { byMetric[budget.metric] = budget }
        var probeOrFlow: [Budget] = []
        for budget in budgets.reversed() where budget.metric.isProbeOrFlow && !probeOrFlow.contains(where: { $0.metric == budget.metric }) {
            probeOrFlow.insert(budget, at: 0)
        }
        self.budgets = (MetricID.comparedRequestMeasures + MetricID.comparedOpenMeasures)
            .compactMap { byMetric[MetricID(.total, $0)] } + probeOrFlow
        self.confidence = Swift.min(Swift.max(confidence, 0.5), 0.999)
        self.resamples = Swift.max(1, resamples)
        self.resamplesPerTail = Swift.max(1, resamplesPerTail)
        self.seed = seed
    }

    /// The comparison of `candidate` against `baseline`; the labels name the runs in every output.
    package func compare(
        baseline: RunResult, candidate: RunResult, baselineLabel: String, candidateLabel: String
    ) -> CompareResult {
        let (stagePairs, stageMismatches) = StageMatcher.stages(baseline: baseline, candidate: candidate)
        var mismatches = stageMismatches
        var pending: [[MetricInput]] = []
        for pair in stagePairs {
            let (requestPairs, requestMismatches) = StageMatcher.requests(of: pair)
            mismatches += requestMismatches
            pending.append(inputs(pair, requests: requestPairs, baseline: baseline, candidate: candidate))
        }
        let family = pending.joined()
            .filter { $0.budget != nil && $0.isComparable && !$0.lowSampleCount && !$0.judgedOnBudgetAlone }.count
        let drawn = BlockBootstrap.resamples(
            metrics: family, confidence: confidence, minimum: resamples, perTail: resamplesPerTail)
        let method = CompareMethod(
            confidence: confidence, intervalConfidence: 1 - (1 - confidence) / Double(Swift.max(family, 1)),
            budgetedIntervals: family, resamples: drawn, seed: seed)
        let bootstrap = BlockBootstrap(confidence: method.intervalConfidence, resamples: drawn)
        let stages = zip(stagePairs, pending).map { pair, inputs in
            StageComparison(
                number: pair.baseline.number, baselineUsers: pair.baseline.users, candidateUsers: pair.candidate.users,
                baselineWindowSeconds: pair.baseline.windowSeconds, candidateWindowSeconds: pair.candidate.windowSeconds,
                baselineRate: TargetRate(pair.baseline), candidateRate: TargetRate(pair.candidate),
                metrics: judge(inputs, bootstrap: bootstrap))
        }
        // Report-only, outside the budgeted family: each interval at the plain confidence level.
        let resources = ResourceComparator.compare(
            baseline: baseline, candidate: candidate, stages: stagePairs,
            bootstrap: Bootstrap(confidence: confidence, resamples: resamples), seed: seed)
        return CompareResult(
            baseline: CompareRunInfo(label: baselineLabel, result: baseline),
            candidate: CompareRunInfo(label: candidateLabel, result: candidate),
            method: method, budgets: budgets, stages: stages, mismatches: Self.inStageOrder(mismatches),
            caveats: Self.caveats(baseline, side: .baseline, stages: stagePairs.map(\.baseline))
                + Self.caveats(candidate, side: .candidate, stages: stagePairs.map(\.candidate)),
            resources: resources, flows: FlowComparator.compare(stages: stagePairs, budgets: budgets))
    }

    /// Everything one metric's verdict needs, gathered before the family size (and so the level) is known.
    private struct MetricInput {
        var stage: Int
        var name: String
        var method: String
        var metric: MetricID
        var baseline: Double?
        var candidate: Double?
        var baselineSeries: WindowSeries
        var candidateSeries: WindowSeries
        var budget: Budget?
        /// No window formula can be resampled for it (`hasNoSeconds`): its budget alone decides.
        var judgedOnBudgetAlone: Bool

        var isComparable: Bool { baseline != nil && candidate != nil }
        /// Fewer than `BlockBootstrap.minimumBlocks` blocks in either window: too short to judge.
        var lowSampleCount: Bool {
            Swift.min(baselineSeries.seconds, candidateSeries.seconds) < BlockBootstrap.minimumSeconds
        }
    }

    /// True when a measure of two rows has no per-second samples that recompute its point value, so that its
    /// budget alone decides (no interval): `missed` (a count, not a rate); `service.*` and `lag.*` when either
    /// window kept no such histograms per second (a closed stage, a file written before they were kept); `rps` and
    /// `achieved_rps` when a row missed arrivals but its seconds kept none (a file written before they were kept:
    /// a second's `requests` counts them, the rates leave them out); `achieved_rps` also when a row had requests
    /// refused before sending (a second keeps no refusals, and `achieved_rps` leaves them out).
    static func hasNoSeconds(
        _ measure: MetricMeasure, rows: (RequestStats, RequestStats), series: (WindowSeries, WindowSeries)
    ) -> Bool {
        let missedUnkept = (rows.0.missed > 0 && !series.0.keptMissed) || (rows.1.missed > 0 && !series.1.keptMissed)
        switch measure {
        case .missed: return true
        case .servicePercentile, .serviceMax, .lagP99, .lagMax:
            return series.0.buckets(for: measure) == nil || series.1.buckets(for: measure) == nil
        case .rps: return missedUnkept
        case .achievedRPS: return missedUnkept || rows.0.unsent > rows.0.missed || rows.1.unsent > rows.1.missed
        default: return false
        }
    }

    /// Per request name (baseline order) then the aggregate, every measure in `MetricID.comparedRequestMeasures`
    /// order (then `comparedOpenMeasures` when either run's stage is open); the metric's subject is the request
    /// name, or `.total` for the aggregate.
    private func inputs(
        _ pair: StageMatcher.StagePair, requests: [StageMatcher.RequestPair], baseline: RunResult, candidate: RunResult
    ) -> [MetricInput] {
        let baseWindow = PerSecondSamples.window(baseline.series, stage: pair.baseline)
        let candWindow = PerSecondSamples.window(candidate.series, stage: pair.candidate)
        let rows = requests.map { ($0.baseline, $0.candidate, true) }
            + [(pair.baseline.aggregated, pair.candidate.aggregated, false)]
        let isOpen = pair.baseline.open != nil || pair.candidate.open != nil
        let measures = MetricID.comparedRequestMeasures + (isOpen ? MetricID.comparedOpenMeasures : [])
        return rows.flatMap { base, cand, isRequest in
            // Built once per row and run, shared by the row's measures.
            let baseSeries = WindowSeries(baseWindow, name: isRequest ? base.name : nil, method: base.method)
            let candSeries = WindowSeries(candWindow, name: isRequest ? cand.name : nil, method: cand.method)
            return measures.map { measure in
                let metric = MetricID(isRequest ? .request(base.name) : .total, measure)
                return MetricInput(
                    stage: pair.baseline.number, name: base.name, method: base.method, metric: metric,
                    baseline: Self.pointValue(base, metric: metric, windowSeconds: pair.baseline.windowSeconds),
                    candidate: Self.pointValue(cand, metric: metric, windowSeconds: pair.candidate.windowSeconds),
                    baselineSeries: baseSeries, candidateSeries: candSeries,
                    budget: budgets.first { !$0.metric.isProbeOrFlow && $0.metric.measure == measure },
                    judgedOnBudgetAlone: Self.hasNoSeconds(measure, rows: (base, cand), series: (baseSeries, candSeries)))
            }
        }
    }

    /// A stage's metrics, row by row: the measures of one request row (or the aggregate) share their resamples,
    /// drawn from a seed of the stage, name and method.
    private func judge(_ inputs: [MetricInput], bootstrap: BlockBootstrap) -> [MetricComparison] {
        var judged: [MetricComparison] = []
        var start = 0
        while start < inputs.count {
            var end = start + 1
            while end < inputs.count, inputs[end].name == inputs[start].name, inputs[end].method == inputs[start].method {
                end += 1
            }
            let row = Array(inputs[start..<end])
            let first = row[0]
            let key = "\(first.stage)\u{1F}\(first.name)\u{1F}\(first.method)"
            let measured = row.filter { $0.isComparable && !$0.lowSampleCount && !$0.judgedOnBudgetAlone }
                .map(\.metric.measure)
            let intervals = bootstrap.intervals(
                measured, baseline: first.baselineSeries, candidate: first.candidateSeries,
                seed: Bootstrap.seed(seed, key: key))
            judged += row.map { input in
                judge(input, interval: measured.firstIndex(of: input.metric.measure).flatMap { intervals[$0] })
            }
            start = end
        }
        return judged
    }

    /// A comparable metric of a window too short for `BlockBootstrap.minimumBlocks` blocks is `tooShort`, never a
    /// regression; otherwise `MetricJudge` decides with the block bootstrap's interval (none for the latencies of a
    /// schema 1 result, which kept no per-second histograms: those cannot be judged better or worse).
    private func judge(_ input: MetricInput, interval: ConfidenceInterval?) -> MetricComparison {
        let verdict: CompareVerdict = input.isComparable && input.lowSampleCount && !input.judgedOnBudgetAlone
            ? .tooShort
            : MetricJudge.verdict(
                baseline: input.baseline, candidate: input.candidate, interval: interval,
                lowSampleCount: input.judgedOnBudgetAlone, budget: input.budget, higherIsBetter: input.metric.higherIsBetter)
        return MetricComparison(
            stage: input.stage, name: input.name, method: input.method, metric: input.metric,
            baseline: input.baseline, candidate: input.candidate, interval: interval,
            baselineSeconds: input.baselineSeries.seconds, candidateSeconds: input.candidateSeries.seconds,
            lowSampleCount: input.lowSampleCount, budget: input.budget, verdict: verdict)
    }

    /// The exact value of `metric` over a stage window; nil when it is undefined (no request for latencies and
    /// the error rate, an empty window for throughput).
    static func pointValue(_ stats: RequestStats, metric: MetricID, windowSeconds: Double) -> Double? {
        MetricValues.requestValue(metric.measure, stats: stats, windowSeconds: windowSeconds)
    }

    /// Mismatches by stage; within a stage, stage-level ones first (they come first in `mismatches`).
    private static func inStageOrder(_ mismatches: [CompareMismatch]) -> [CompareMismatch] {
        mismatches.enumerated().sorted { ($0.element.stage, $0.offset) < ($1.element.stage, $1.offset) }.map(\.element)
    }

    /// Saturated or empty windows among the compared stages, then interruption.
    private static func caveats(_ result: RunResult, side: CompareSide, stages: [StageResult]) -> [CompareCaveat] {
        var caveats: [CompareCaveat] = []
        for stage in stages {
            if stage.generator.saturated {
                caveats.append(CompareCaveat(kind: .generatorSaturated, side: side, stage: stage.number))
            }
            if stage.windowSeconds <= 0 { caveats.append(CompareCaveat(kind: .emptyWindow, side: side, stage: stage.number)) }
        }
        if result.interrupted { caveats.append(CompareCaveat(kind: .interrupted, side: side, stage: result.stages.last?.number)) }
        return caveats
    }
}
