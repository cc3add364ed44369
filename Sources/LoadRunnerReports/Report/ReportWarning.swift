import LoadRunnerModel
import LoadRunnerText

/// Something a reader must know before trusting a run's figures; shown first in `report.md` and after the
/// console summary.
package enum ReportWarning: Sendable, Equatable {
    /// The generator was the bottleneck in a stage: its latencies measure the generator, not the target.
    case generatorSaturated(stage: Int, cpuPercent: Double, allowedCores: Int, lagP99Micros: UInt64)
    /// One curl loop was the bottleneck in a stage (`cause` of kind `loopBusy` or `loopLag`): it can use one
    /// core at most, so its latencies measure the loop; `loops` is how many loops the run had.
    case loopSaturated(stage: Int, cause: SaturationCause, loops: Int)
    /// More than `errorRateThreshold` of a stage window's requests failed; `errorRate` is 0...1.
    case highErrorRate(stage: Int, errorRate: Double)
    /// A stage ended during its warm-up, so nothing was measured for it.
    case emptyWindow(stage: Int)
    /// The run was stopped (Ctrl-C, SIGTERM, SIGHUP) before its last stage ended; `lastStage` is the stage cut
    /// short, nil when no stage had started.
    case interrupted(lastStage: Int?)
    /// The run was stopped after its load ended (during the `at: end` actions or the checks): every stage ran
    /// to its end, what had not run yet was skipped.
    case interruptedAfterLoad
    /// A second signal ended the run before its results were assembled: the file holds no measurements.
    case measurementsLost
    /// Requests were still in flight at a stage's end, the oldest for longer than any request of the stage's
    /// window took (or none completed): it never got an answer (or, in files written before requests were
    /// drained, was left out), so the stage's latencies miss its slowest requests.
    case requestsInFlight(stage: Int, count: Int, longestMicros: UInt64)
    /// `pacing` users started `lateStarts` of a stage window's `starts` iterations more than
    /// `RequestStats.lateStartMicros` after their schedule, the latest by `maxLagMicros`.
    case fellBehindSchedule(stage: Int, lateStarts: UInt64, starts: UInt64, maxLagMicros: UInt64)
    /// An open stage fell behind its schedule (`OpenStageFigures.isBehind`): missed arrivals, a late lag p99, or
    /// too few completed; the message says what was seen and why (`OpenStageFigures.cause`).
    case openStageBehind(OpenStageFigures)
    /// An action started during the load was still running when the load ended; the run waited for it.
    case actionOutlivedLoad(name: String, when: String, waitedSeconds: Double)
    /// An `abort_on_fail` threshold failed, so the stages after it were not run.
    case abortedByThreshold(String)
    /// A stage that ends by count reached its time limit first: it sent `sent` of its `limit` requests.
    case requestLimitNotReached(stage: Int, sent: Int, limit: Int)
    /// A required action failed while the load ran (`outcome` as `ShellOutcome.outcome`), which stops the load.
    case requiredActionFailed(name: String, when: String, outcome: String)

    /// The failed share of a stage window's requests above which a stage gets a warning (1%).
    package static let errorRateThreshold = 0.01

    /// Every warning for `result`: per stage in stage order (saturation, errors, empty window, request count not
    /// reached by its time limit, requests in flight at its end, pacing users or an open stage behind schedule),
    /// then lost measurements or interruption, abort, required actions that failed during the load, and actions
    /// that outlived it. A count cut short by the run's own stop is left to those warnings.
    package static func warnings(for result: RunResult) -> [ReportWarning] {
        var warnings: [ReportWarning] = []
        for stage in result.stages {
            let generator = stage.generator
            if generator.saturated, let cause = generator.saturationCause, cause.loop != nil {
                warnings.append(.loopSaturated(stage: stage.number, cause: cause, loops: generator.loops?.count ?? 1))
            } else if generator.saturated {
                warnings.append(.generatorSaturated(
                    stage: stage.number, cpuPercent: generator.cpuPercent, allowedCores: generator.allowedCores,
                    lagP99Micros: generator.schedulingLagP99Micros))
            }
            if stage.aggregated.errorRate > errorRateThreshold {
                warnings.append(.highErrorRate(stage: stage.number, errorRate: stage.aggregated.errorRate))
            }
            if stage.windowSeconds <= 0 {
                warnings.append(.emptyWindow(stage: stage.number))
            }
            if let limit = stage.requestLimit, stage.reachedRequestLimit == false, !result.runStoppedFirst(stage) {
                warnings.append(.requestLimitNotReached(stage: stage.number, sent: stage.requestsSent ?? 0, limit: limit))
            }
            if let longest = stage.inFlightAtEnd?.map(\.longestMicros).max(), longest > stage.aggregated.latency.maxMicros {
                warnings.append(.requestsInFlight(stage: stage.number, count: stage.inFlightCount, longestMicros: longest))
            }
            // An open stage's lag is its dispatch's (send − intended time), not pacing users falling behind.
            if stage.open == nil, let lag = stage.aggregated.lag, stage.aggregated.lateStarts > 0 {
                warnings.append(.fellBehindSchedule(
                    stage: stage.number, lateStarts: stage.aggregated.lateStarts, starts: lag.count, maxLagMicros: lag.maxMicros))
            }
            if let figures = OpenStageFigures(stage), figures.isBehind {
                warnings.append(.openStageBehind(figures))
            }
        }
        if result.measurementsLost == true {
            warnings.append(.measurementsLost)
        } else if result.interrupted {
            // Files written before `cutShort` existed do not say: their last stage is taken as cut short.
            if let last = result.stages.last, last.cutShort == false {
                warnings.append(.interruptedAfterLoad)
            } else {
                warnings.append(.interrupted(lastStage: result.stages.last?.number))
            }
        }
        if let reason = result.abortedBy {
            warnings.append(.abortedByThreshold(reason))
        }
        let loadEnd = result.stages.last?.endSeconds ?? 0
        for action in result.actions ?? [] where action.failsRun {
            guard let run = action.run, run.startSeconds < loadEnd else { continue }
            warnings.append(.requiredActionFailed(name: action.name, when: action.when, outcome: run.outcome))
        }
        for action in result.actions ?? [] {
            guard let waited = action.waitedAfterLoadSeconds else { continue }
            warnings.append(.actionOutlivedLoad(name: action.name, when: action.when, waitedSeconds: waited))
        }
        return warnings
    }

    /// Why a stage was saturated, in a few words for a table cell (`loop 1: 98% busy in 9 of 10 s`,
    /// `loop 2: lag p99 3.1 ms vs p50 1.2 ms`, `CPU 96.5% of 1 core`); nil when it was not saturated.
    package static func saturationSummary(_ generator: GeneratorStats) -> String? {
        guard generator.saturated else { return nil }
        guard let cause = generator.saturationCause else { return "CPU \(cpuText(generator))" }
        switch cause.kind {
        case .loopBusy:
            return "loop \(cause.loop ?? 1): \(ReportNumber.fixed(cause.busyPercent ?? 0, decimals: 0))% busy in "
                + "\(seconds(cause.busySeconds)) of \(seconds(cause.measuredSeconds)) s"
        case .loopLag:
            return "loop \(cause.loop ?? 1): lag p99 \(ReportNumber.millis(micros: cause.lagP99Micros ?? 0, decimals: 1)) ms "
                + "vs p50 \(ReportNumber.millis(micros: cause.latencyP50Micros ?? 0, decimals: 1)) ms\(laggingSeconds(cause))"
        case .loopStarved:
            return "loop \(cause.loop ?? 1) starved: waited for a CPU \(runQueueText(cause)) of the time in "
                + "\(seconds(cause.starvedSeconds)) of \(seconds(cause.measuredSeconds)) s"
        case .processCPU: return "CPU \(cpuText(generator))"
        case .timerLag:
            return "timer lag p99 \(ReportNumber.millis(micros: generator.schedulingLagP99Micros, decimals: 1)) ms\(laggingSeconds(cause))"
        }
    }

    /// What a saturated loop did, as a clause: which loop, how many users, how busy or how late.
    private static func loopFinding(_ cause: SaturationCause) -> String {
        // A loop of open arrivals serves no users: no count then.
        let users: String = switch cause.users {
        case nil, 0: ""
        case 1: " (1 user)"
        case let count?: " (\(count) users)"
        }
        let loop = "curl loop \(cause.loop ?? 1)\(users)"
        if cause.kind == .loopStarved {
            return "\(loop) waited runnable for a CPU \(runQueueText(cause)) of the window (at least "
                + "\(ReportNumber.trimmed(GeneratorSaturation.runQueueShare * 100))% in \(seconds(cause.starvedSeconds)) of "
                + "\(seconds(cause.measuredSeconds)) s), \(ReportNumber.millis(micros: UInt64(cause.runQueueMeanWaitMicros ?? 0), decimals: 2)) "
                + "ms each time it got one, against a p50 of \(ReportNumber.millis(micros: cause.latencyP50Micros ?? 0, decimals: 2)) ms"
        }
        if cause.kind == .loopLag {
            return "\(loop) started its work late (lag p99 \(ReportNumber.millis(micros: cause.lagP99Micros ?? 0, decimals: 1)) "
                + "ms against a p50 latency of \(ReportNumber.millis(micros: cause.latencyP50Micros ?? 0, decimals: 1)) ms"
                + "\(laggingSeconds(cause)))"
        }
        return "\(loop) was \(ReportNumber.fixed(cause.busyPercent ?? 0, decimals: 0))% busy (of its one core) in "
            + "\(seconds(cause.busySeconds)) of \(seconds(cause.measuredSeconds)) s"
    }

    /// ` in 4 of 9 s`: the seconds in which the loop lagged, when the result kept them.
    private static func laggingSeconds(_ cause: SaturationCause) -> String {
        guard let lagging = cause.laggingSeconds, let measured = cause.lagSeconds else { return "" }
        return " in \(lagging) of \(measured) s"
    }

    /// `45.2%`: a starved loop's run-queue wait.
    private static func runQueueText(_ cause: SaturationCause) -> String {
        "\(ReportNumber.fixed(cause.runQueuePercent ?? 0, decimals: 1))%"
    }

    private static func seconds(_ value: Double?) -> String { ReportNumber.fixed((value ?? 0).rounded(), decimals: 0) }

    private static func cpuText(_ generator: GeneratorStats) -> String {
        "\(ReportNumber.fixed(generator.cpuPercent, decimals: 1))% of "
            + (generator.allowedCores == 1 ? "1 core" : "\(generator.allowedCores) cores")
    }

    /// What an open stage that fell behind showed: `Stage 2 fell behind its 100/s schedule: 160 of 200 arrivals
    /// missed (never sent), lag p99 1200.0 ms (above 10 ms).`
    private static func behindFinding(_ figures: OpenStageFigures) -> String {
        let open = figures.open
        var seen: [String] = []
        if open.missed > 0 { seen.append("\(open.missed) of \(open.due) arrivals missed (never sent)") }
        if figures.lagged, let lag = figures.lagP99Micros {
            seen.append("lag p99 \(ReportNumber.millis(micros: lag, decimals: 1)) ms (above "
                + "\(ReportNumber.millis(micros: RequestStats.lateStartMicros, decimals: 0)) ms)")
        }
        if figures.underAchieved, let share = figures.completedShare {
            seen.append("\(ReportNumber.percent(share))% of the \(open.due) arrivals due completed (below "
                + "\(ReportNumber.trimmed(OpenStageFigures.achievedShareLimit * 100))%)")
        }
        if open.sent > open.completed { seen.append("\(open.sent - open.completed) sent but never answered") }
        return "Stage \(figures.stage) fell behind its \(figures.targetText) schedule: \(seen.joined(separator: ", "))."
    }

    /// Why an open stage fell behind, and what that means for its figures and what to do.
    private static func behindCause(_ figures: OpenStageFigures) -> String {
        let open = figures.open
        switch figures.cause {
        case .generatorSaturated where figures.starved:
            return "The generator was starved (\(figures.generatorSaturation ?? "")): the machine did not give the load "
                + "generator's thread the CPU, so arrivals waited for the loop, not for the target. The stage is "
                + "invalid, its latencies measure the machine's other work; run it on a quieter machine or give the "
                + "generator CPUs of its own."
        case .generatorSaturated:
            return "The generator was saturated (\(figures.generatorSaturation ?? "")): the stage is invalid, its "
                + "latencies measure the generator, not the target; lower the rate, run more curl loops (--loops), or "
                + "give the generator more CPUs."
        case .generatorStarved:
            return "Every connection of max_connections (\(open.maxConnections)) was busy (peak \(open.peakInFlight) in "
                + "flight), yet the target's service time explains only \(explained(figures)) of them (Little's law: "
                + "\(ReportNumber.fixed(figures.offeredPerSecond, decimals: 0))/s × "
                + "\(ReportNumber.millis(micros: UInt64(figures.serviceMeanMicros ?? 0), decimals: 2)) ms mean service): "
                + "the generator did not read the answers fast enough, the target was not the limit. The stage is "
                + "invalid, its latencies measure the generator; run more curl loops (--loops), lower the rate, or give "
                + "the generator more CPUs."
        case .poolAtCap:
            return "Every connection of max_connections (\(open.maxConnections)) was busy and arrivals waited "
                + "(peak \(open.peakInFlight) in flight): the target is overloaded, it could not keep up at "
                + "\(figures.targetText). The result is valid and says so: its latencies include the wait for a "
                + "connection."
        case .poolGrowing:
            return "The pool was still growing at its paced rate: \(open.waitedForPoolGrowth ?? 0) arrivals waited "
                + "while it opened connections (\(open.connectionsOpened) opened, peak \(open.peakInFlight) in flight; "
                + "it opens a burst of 32 at most, then one per arrival up to what Little's law needs): the rate "
                + "rose faster than the pool may grow (a step bigger than the burst, or a warm-up shorter than the "
                + "ramp). max_connections (\(open.maxConnections)) is not the limit here; give the stage a longer "
                + "warm-up, or ramp its rate up."
        case .unexplained:
            return "Neither was the generator saturated nor did the pool reach max_connections (peak "
                + "\(open.peakInFlight) in flight of \(open.maxConnections)); see the lag and service time per second "
                + "(\(RunCharts.latencyServiceFileName)) and the failures."
        }
    }

    /// The connections Little's law explains, for a sentence: `1.5`.
    private static func explained(_ figures: OpenStageFigures) -> String {
        ReportNumber.fixed(figures.explainedConnections ?? 0, decimals: 1)
    }

    /// One sentence (or two) saying what happened and what to do; plain text, no Markdown.
    package var message: String {
        switch self {
        case .generatorSaturated(let stage, let cpuPercent, let allowedCores, let lagP99Micros):
            let cores = allowedCores == 1 ? "1 core" : "\(allowedCores) cores"
            return "Stage \(stage): the generator was saturated (CPU \(ReportNumber.fixed(cpuPercent, decimals: 1))% "
                + "of \(cores), scheduling lag p99 \(ReportNumber.millis(micros: lagP99Micros, decimals: 1)) ms): "
                + "its latencies measure the generator, not the target; give the generator more CPU or fewer users."
        case .loopSaturated(let stage, let cause, _) where cause.kind == .loopStarved:
            return "Stage \(stage): generator starved: the machine did not give the load generator's thread the CPU: "
                + "\(Self.loopFinding(cause)): its latencies measure the machine's other work, not the target; run on a "
                + "quieter machine, stop what else runs there, or give the generator CPUs of its own."
        case .loopSaturated(let stage, let cause, let loops):
            return "Stage \(stage): the generator was saturated: \(Self.loopFinding(cause)): its latencies measure the "
                + "generator, not the target; run more curl loops (--loops, now \(loops)), fewer users, or give the "
                + "generator more CPUs."
        case .highErrorRate(let stage, let errorRate):
            return "Stage \(stage): \(ReportNumber.percent(errorRate))% of requests failed (above "
                + "\(ReportNumber.trimmed(Self.errorRateThreshold * 100))%); see the failures."
        case .emptyWindow(let stage):
            return "Stage \(stage): nothing was measured: the stage ended during its warm-up."
        case .interrupted(let lastStage?):
            return "The run was interrupted: stage \(lastStage) was cut short, "
                + "so its figures cover less time than planned."
        case .interrupted(nil):
            return "The run was interrupted before any stage started."
        case .interruptedAfterLoad:
            return "The run was interrupted after its load ended: every stage ran to its end; the end actions and "
                + "checks that had not run yet were skipped."
        case .measurementsLost:
            return "The run was stopped by a second signal before its results were assembled: this file holds no "
                + "measurements; the per-second figures are in \(RunOutputs.locustHistoryCSV) beside it."
        case .requestsInFlight(let stage, let count, let longestMicros):
            let (requests, verb) = count == 1 ? ("1 request was", "is") : ("\(count) requests were", "are")
            return "Stage \(stage): \(requests) still in flight at its end (longest "
                + "\(ReportNumber.fixed(Double(longestMicros) / 1_000_000, decimals: 1)) s, longer than any that "
                + "completed) and \(verb) not in its latency figures, so they understate the slowest requests; "
                + "see the target's health or lower the profile's timeout."
        case .fellBehindSchedule(let stage, let lateStarts, let starts, let maxLagMicros):
            return "Stage \(stage): pacing users fell behind their schedule: \(lateStarts) of \(starts) iterations "
                + "started late, the latest \(ReportNumber.fixed(Double(maxLagMicros) / 1_000_000, decimals: 2)) s behind. "
                + "Closed-model latency omits the time a user could not send, so these latencies understate what "
                + "requests arriving on schedule would have seen."
        case .openStageBehind(let figures):
            return Self.behindFinding(figures) + " " + Self.behindCause(figures)
        case .actionOutlivedLoad(let name, let when, let waitedSeconds):
            return "Action \"\(name)\" (\(when)) outlived the load: the run waited "
                + "\(ReportNumber.fixed(waitedSeconds, decimals: 1)) s for it after the load ended; give it a shorter "
                + "timeout or an earlier moment."
        case .requestLimitNotReached(let stage, let sent, let limit):
            return "Stage \(stage): its time limit came first: it sent \(sent) of its \(limit) requests, "
                + "so it ran less load than planned; raise its duration or lower its requests."
        case .requiredActionFailed(let name, let when, let outcome):
            return "Required action \"\(name)\" (\(when)) failed during the load (\(outcome)): the run fails, and its "
                + "load was stopped there; see the actions."
        case .abortedByThreshold(let reason):
            return "The run stopped early: threshold \(reason) (abort_on_fail), so the later stages were not run."
        }
    }
}
