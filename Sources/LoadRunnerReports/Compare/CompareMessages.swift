import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// Every user-facing sentence of the compare outputs, in one place: headings, verdict words, mismatch and
/// caveat sentences, the method paragraph, and the JUnit messages.
enum CompareMessages {
    static let regressionsHeading = "Regressions"
    static let improvementsHeading = "Improvements"
    static let chartsHeading = "Charts"
    static let stagesHeading = "Stages"
    static let flowsHeading = "Flows and visibility"
    static let flowsNote = "Per stage, each `await:` read both runs have (time to visibility p50/p95/p99, the share of "
        + "probes whose first read was stale, the share not visible within `within`), every read together, and each flow "
        + "(iteration time, completed iterations, the share skipped by a failed capture). A run keeps no per-second "
        + "figures for them, so there is no interval: a budget on the row's path (`visibility[READ].stale_rate > +1%`) "
        + "alone decides, and a row without one never fails the comparison. Lower is better except for completed iterations."
    static let mismatchesHeading = "Mismatches"
    static let warningsHeading = "Warnings"
    static let methodHeading = "Method"
    /// Where the method is explained; relative to the repository root.
    static let methodDocument = "docs/compare.md"

    static func title(_ result: CompareResult) -> String {
        "LoadRunner compare: \(result.baseline.label) vs \(result.candidate.label)"
    }

    /// `**Baseline** `Reports/before`: profile ..., target ..., start to end (UTC), host ..., LoadRunner ...`
    static func runLine(_ side: CompareSide, _ info: CompareRunInfo) -> [Inline] {
        [
            .strong(side == .baseline ? "Baseline" : "Candidate"), .text(" "), .code(info.label),
            .text(": profile "), .code(info.profileName), .text(", target "), .code(info.target),
            .text(", \(UTCTimestamp.seconds(info.startTime)) to \(UTCTimestamp.seconds(info.endTime)) (UTC), host "),
            .code(info.hostName),
            .text(" (\(info.allowedCPUCount) of \(info.cpuCount) CPUs), LoadRunner \(info.loadRunnerVersion)"),
        ] + (info.interrupted ? [.text(", "), .strong("interrupted")] : [])
    }

    /// The one-line outcome: `**FAILED**: ...` or `**PASSED**: ...`.
    static func verdictLine(_ result: CompareResult) -> [Inline] {
        let worse = result.regressions.count
        let better = result.improvements.count
        guard !result.stages.isEmpty else {
            return [.strong("PASSED"), .text(", but nothing was compared: no stage is in both runs (see Mismatches).")]
        }
        let improved = better == 0 ? "" : "; \(count(better, "budgeted metric")) got better"
        if result.failed {
            return [.strong("FAILED"), .text(
                ": \(count(worse, "budgeted metric")) got worse beyond \(worse == 1 ? "its" : "their") "
                    + "budget in \(count(Set(result.regressions.map(\.stage)).count, "stage"))" + improved + ".")]
        }
        return [.strong("PASSED"), .text(": no budgeted metric got worse beyond its budget" + improved + ".")]
    }

    static let noRegressions = "None: no budgeted metric got worse beyond its budget."
    static let noImprovements = "None: no budgeted metric got better beyond its budget."
    static let noMismatches = "None: every stage and request name is in both runs, with the same users and methods."

    /// `Stage 2: 20 users; windows 30.0 s (baseline) and 30.0 s (candidate)`; an open stage's target rate in place
    /// of users (`Stage 2: 200/s; ...`).
    static func stageHeading(_ stage: StageComparison) -> String {
        let baseline = stageLoad(stage.baselineRate, users: stage.baselineUsers)
        let candidate = stageLoad(stage.candidateRate, users: stage.candidateUsers)
        let users = baseline == candidate ? baseline : "\(baseline) (baseline), \(candidate) (candidate)"
        return "Stage \(stage.number): \(users); windows \(ReportNumber.fixed(stage.baselineWindowSeconds, decimals: 1)) s "
            + "(baseline) and \(ReportNumber.fixed(stage.candidateWindowSeconds, decimals: 1)) s (candidate)"
    }

    /// The verdict as a table cell; a budget-less verdict says so, a too-short window gets `†`.
    static func verdictCell(_ comparison: MetricComparison) -> [Inline] {
        switch comparison.verdict {
        case .worse: comparison.budget == nil ? [.text("worse (no budget)")] : [.strong("worse")]
        case .better: comparison.budget == nil ? [.text("better (no budget)")] : [.strong("better")]
        case .noSignificantChange: [.text("no significant change")]
        case .notComparable: [.text("not comparable")]
        case .tooShort: [.text(tooShortVerdict + " †")]
        }
    }

    static let tooShortVerdict = "too short to judge"

    static func budgetCell(_ budget: Budget?) -> String { budget?.text ?? "none" }

    /// What stands in for the interval when a window is too short: `(no CI: 2 s)`.
    static func noInterval(seconds: Int) -> String { "(no CI: \(seconds) s)" }

    /// What stands in for the interval of a flow or visibility row: a run keeps no per-second figures for them.
    static let noPerSecondInterval = "(no interval: no per-second data)"

    /// What stands in for the interval of a metric too short to judge: `(no CI: 4 s, needs 20 s)`.
    static func tooShortInterval(seconds: Int, needed: Int) -> String { "(no CI: \(seconds) s, needs \(needed) s)" }

    static func tooShortFootnote(minimumSeconds: Int, minimumBlocks: Int) -> String {
        "† Fewer than \(minimumSeconds) whole seconds in a window (\(minimumBlocks) blocks of at least "
            + "\(minimumSeconds / minimumBlocks) s): too short for a confidence interval, so neither better nor worse; "
            + "run stages whose windows (duration minus warm-up) last at least \(minimumSeconds) s."
    }

    /// The console's line about metrics too short to judge: how many, the shortest window, the seconds needed.
    static func tooShortLine(metrics: Int, shortestSeconds: Int, minimumSeconds: Int) -> String {
        "\(count(metrics, "metric")) \(metrics == 1 ? "is" : "are") \(tooShortVerdict): the shortest window has "
            + "\(shortestSeconds) whole seconds, an interval needs \(minimumSeconds); run longer stages."
    }

    static func tableNote(_ method: CompareMethod) -> String {
        "Baseline and candidate values are exact, from each stage window's histograms; the bracket is the "
            + "\(CompareFormat.level(method.intervalConfidence)) confidence interval of the change, from a block "
            + "bootstrap of the window's whole seconds that recomputes the same value. Metrics without a budget are "
            + "judged against a budget of 0 and never fail the comparison."
    }

    static func mismatch(_ mismatch: CompareMismatch) -> String {
        let stage = mismatch.stage
        let name = "\"\(mismatch.name ?? "")\""
        switch mismatch.kind {
        case .stageOnlyInBaseline:
            return "Stage \(stage) (\(mismatch.baselineUsers ?? 0) users) is only in the baseline: not compared."
        case .stageOnlyInCandidate:
            return "Stage \(stage) (\(mismatch.candidateUsers ?? 0) users) is only in the candidate: not compared."
        case .usersDiffer:
            return "Stage \(stage) ran \(mismatch.baselineUsers ?? 0) users in the baseline and "
                + "\(mismatch.candidateUsers ?? 0) in the candidate: compared anyway, but a difference may come from "
                + "the load rather than the change; run both with the same stages."
        case .requestOnlyInBaseline:
            return "Stage \(stage): request \(name) (\(mismatch.baselineMethod ?? "")) is only in the baseline: not compared."
        case .requestOnlyInCandidate:
            return "Stage \(stage): request \(name) (\(mismatch.candidateMethod ?? "")) is only in the candidate: not compared."
        case .methodDiffers:
            return "Stage \(stage): request \(name) is \(mismatch.baselineMethod ?? "") in the baseline and "
                + "\(mismatch.candidateMethod ?? "") in the candidate: compared anyway."
        case .targetRateDiffers:
            return "Stage \(stage) ran \(load(mismatch.baselineRate, users: mismatch.baselineUsers)) in the baseline and "
                + "\(load(mismatch.candidateRate, users: mismatch.candidateUsers)) in the candidate: compared anyway, but "
                + "latencies measured at different loads differ for that reason alone; compare runs at the same rate."
        }
    }

    /// A stage's load for the rate mismatch: `an open stage at 200/s`, `... from 200/s to 1000/s`, or
    /// `a closed stage with 50 users`.
    private static func load(_ rate: TargetRate?, users: Int?) -> String {
        guard let rate else { return "a closed stage with \(users ?? 0) users" }
        let perSecond = { (value: Double) in ReportNumber.trimmed(value, maxDecimals: 2) + "/s" }
        if rate.startPerSecond == rate.endPerSecond { return "an open stage at \(perSecond(rate.startPerSecond))" }
        return "an open stage from \(perSecond(rate.startPerSecond)) to \(perSecond(rate.endPerSecond))"
    }

    static func caveat(_ caveat: CompareCaveat) -> String {
        let run = caveat.side == .baseline ? "baseline" : "candidate"
        switch (caveat.kind, caveat.stage) {
        case (.generatorSaturated, let stage):
            return "Stage \(stage ?? 0) of the \(run): the generator was saturated, so its latencies measure the "
                + "generator, not the target; do not trust this stage's latency verdicts."
        case (.emptyWindow, let stage):
            return "Stage \(stage ?? 0) of the \(run) measured nothing: it ended during its warm-up."
        case (.interrupted, let stage?):
            return "The \(run) run was interrupted: stage \(stage) was cut short, so it covers less time."
        case (.interrupted, nil):
            return "The \(run) run was interrupted before any stage started."
        }
    }

    /// The method in one paragraph, with the levels, resample count and seed actually used.
    static func methodParagraph(_ method: CompareMethod) -> [Inline] {
        [.text("Stages are matched by number and requests by name and method. Each value is exact, from the stage "
            + "window's histogram (latencies) or counts (requests per second, error rate). A change counts only when "
            + "it exceeds every limit of its budget (relative and absolute) and its confidence interval lies wholly "
            + "on one side of zero. The interval is a seeded moving-block bootstrap (\(method.resamples) resamples, "
            + "seed \(method.seed)) of each window's whole seconds, drawn independently for the two runs: each "
            + "resample joins blocks of consecutive seconds (about the cube root of the window's length, at least "
            + "2 s), merges their histograms and counts and recomputes the same value as the point, at "
            + "\(CompareFormat.level(method.intervalConfidence)) so that the "
            + "\(count(method.budgetedIntervals, "budgeted metric")) together hold "
            + "\(CompareFormat.level(method.confidence)) (Bonferroni, with at least 10 resamples in every tail): "
            + "two runs of the same server should fail no more than \(CompareFormat.level(1 - method.confidence)) "
            + "of comparisons. A window with fewer than \(method.minimumSeconds) whole seconds "
            + "(\(method.minimumBlocks ?? 10) blocks) is too short to judge. Details in "),
         .link(text: methodDocument, target: methodDocument), .text(".")]
    }

    /// `p95 rose 23.4% (12.1 ms -> 14.9 ms, 95% CI +18.0%..+28.9%), budget p95 > +10% and +2ms`.
    static func junitFailure(_ comparison: MetricComparison, confidence: Double) -> String {
        let metric = comparison.metric
        let rose = (comparison.change ?? 0) > 0
        let size: String
        if metric.measure != .errorRate, let relative = comparison.relativeChange {
            size = ReportNumber.fixed(abs(relative) * 100, decimals: 1) + "%"
        } else {
            size = CompareFormat.number(abs(comparison.change ?? 0), metric, latencyDecimals: 1)
                + (metric.measure == .errorRate ? " pp" : CompareFormat.unitSuffix(metric))
        }
        let values = [comparison.baseline, comparison.candidate].map { value in
            value.map { CompareFormat.number($0, metric, latencyDecimals: 1) + CompareFormat.unitSuffix(metric) } ?? "-"
        }
        let interval = comparison.interval.map {
            "\(CompareFormat.level(confidence)) CI \(CompareFormat.intervalRange($0, metric))"
        } ?? "no CI: \(min(comparison.baselineSeconds, comparison.candidateSeconds)) s of samples"
        return "\(metric.compareName) \(rose ? "rose" : "fell") \(size) (\(values[0]) -> \(values[1]), \(interval)), "
            + "budget \(CompareMessages.budgetCell(comparison.budget))"
    }

    /// The failure's details: where, the values, the interval and the samples it came from.
    static func junitDetails(_ comparison: MetricComparison, confidence: Double) -> String {
        let metric = comparison.metric
        let name = comparison.isAggregated ? comparison.name : "\(comparison.name) (\(comparison.method))"
        return [
            "stage \(comparison.stage), \(name), \(metric.compareName)",
            "baseline \(CompareFormat.value(comparison.baseline, metric)), "
                + "candidate \(CompareFormat.value(comparison.candidate, metric))",
            "change \(CompareFormat.change(comparison.change, metric)), \(CompareFormat.changeWithInterval(comparison))"
                + " (\(CompareFormat.level(confidence)) CI)",
            "per-second samples: \(comparison.baselineSeconds) baseline, \(comparison.candidateSeconds) candidate",
            "budget \(budgetCell(comparison.budget))",
        ].joined(separator: "\n")
    }

    static func junitName(_ comparison: MetricComparison) -> String { "\(comparison.name) \(comparison.metric.compareName)" }

    static func junitClassName(stage: Int) -> String { "stage \(stage)" }

    static func summaryHeading(failed: Bool) -> String { "LoadRunner compare: \(failed ? "FAILED" : "PASSED")" }

    static func summaryRuns(_ result: CompareResult) -> [Inline] {
        [.code(result.baseline.label), .text(" (baseline) vs "), .code(result.candidate.label), .text(" (candidate)")]
    }

    static func moreRegressions(_ count: Int) -> String { "…and \(count) more: see compare.md." }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
