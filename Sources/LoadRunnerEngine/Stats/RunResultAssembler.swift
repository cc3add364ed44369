import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel

/// Folds what every loop and the monitor recorded into the load's measurements (`measure`), and assembles
/// the run's one `RunResult` from them and what ran beside the load (`assemble`: the only place a
/// `RunResult` of a run is made).
package struct RunResultAssembler {
    let profile: Profile
    let options: EngineOptions
    let schedule: StageSchedule
    let clock: RunClock
    /// When the run stopped, in run microseconds (the schedule's end unless interrupted).
    let endMicros: Int64
    let interrupted: Bool
    /// Why an abort_on_fail threshold stopped the run, if one did.
    let abortedBy: String?
    /// What each stage that ends by count sent, by stage index.
    var stageCounts: [Int: StageCount] = [:]
    /// How late the load began after its common start (`--start-at`); nil when none was asked for.
    var lateStartMicros: Int64? = nil

    /// The load's measurements; `stopReason` is why the work beside the load ended it early, if it did.
    func measure(
        recorders: [LoopRecorder], loopLags: [LoopLagRecorder], samples: [SecondSample], monitor: GeneratorMonitor,
        monitored: MonitorSampler?, stopReason: String?
    ) -> LoadMeasurements {
        let stages = stages(recorders: recorders, samples: samples, monitor: monitor, loopLags: loopLags)
        return LoadMeasurements(
            provenance: provenance(), stages: stages, series: samples, failures: failures(recorders: recorders),
            interrupted: interrupted, abortedBy: abortedBy, monitors: monitored?.series(stages: stages),
            thresholdSpecs: profile.thresholds, endMicros: endMicros, stopReason: stopReason,
            startUnixMicros: RunResult.unixMicros(clock.startDate), compareBudgets: profile.compareBudgets,
            seed: options.seed, shard: shardInfo())
    }

    /// The result's `shard`: the options' with the common start and how late the load began; nil outside a shard.
    private func shardInfo() -> ShardInfo? {
        guard var shard = options.shard else { return nil }
        shard.startAtUnixMicros = options.startAtUnixMicros
        shard.lateStartMicros = options.startAtUnixMicros == nil ? nil : lateStartMicros
        return shard
    }

    /// The run's result: the load's measurements, what ran beside it (`outcomes`), and whether a stop was
    /// requested by the end (`stopped`: Ctrl-C during the load or after it marks the run interrupted).
    package static func assemble(_ load: LoadMeasurements, outcomes: RunOutcomes, stopped: Bool) -> RunResult {
        var result = RunResult(
            provenance: load.provenance, stages: load.stages, series: load.series, failures: load.failures,
            interrupted: load.interrupted)
        result.abortedBy = load.abortedBy
        result.startUnixMicros = load.startUnixMicros
        result.compareBudgets = load.compareBudgets
        result.seed = load.seed
        result.shard = load.shard
        result.monitors = load.monitors
        // Thresholds on command monitors (`command[NAME].max < ...`) need their series: judged after they are in.
        result.commandMonitors = outcomes.commandMonitors
        result.evaluateThresholds(load.thresholdSpecs)
        result.actions = outcomes.actions
        result.checks = outcomes.checks
        if stopped { result.markInterrupted() }
        return result
    }

    private func stages(
        recorders: [LoopRecorder], samples: [SecondSample], monitor: GeneratorMonitor, loopLags: [LoopLagRecorder]
    ) -> [StageResult] {
        let allowedCores = SystemInfo.allowedCPUCount
        let loopSamples = monitor.loopSamples
        let processSamples = monitor.processSamples
        return schedule.slots.filter { $0.startMicros < endMicros || ($0.startMicros == 0 && endMicros == 0) }.map { slot in
            let (requests, aggregated) = Self.merge(recorders.map { $0.windowStats[slot.index] }, requests: profile.requests)
            let windowSamples = samples.filter { $0.stage == slot.index + 1 && $0.inWindow }
            let end = min(slot.endMicros, endMicros)
            // From the monitor's own readings: a second it missed is inside its next reading, not 0%.
            let cpu = LoopSample.cpuPercent(processSamples, startMicros: slot.windowStartMicros, endMicros: end)
                ?? (windowSamples.isEmpty ? 0 : windowSamples.map(\.generatorCPUPercent).reduce(0, +) / Double(windowSamples.count))
            let lag = monitor.stageLag(slot.index)
            let loads = loopLags.indices.map { index in
                LoopLoad(
                    // A shard's loops hold its share of the stage's users.
                    loop: index + 1,
                    users: Self.users(ofLoop: index, loops: loopLags.count, stageUsers: options.shardPlan.share(of: slot.stage.users)),
                    samples: index < loopSamples.count ? loopSamples[index] : [],
                    windowStartMicros: slot.windowStartMicros, windowEndMicros: end,
                    pollLag: loopLags[index].pollLag[slot.index], userLag: loopLags[index].userLag[slot.index],
                    lagSecondsP99Micros: loopLags[index].secondsP99(stage: slot.index),
                    arrivals: slot.stage.rate == nil || index >= recorders.count
                        ? nil : recorders[index].openTallies[slot.index].sent)
            }
            var stage = StageResult(
                number: slot.index + 1, users: slot.stage.users, spawnRate: slot.stage.spawnRate,
                startSeconds: seconds(slot.startMicros), endSeconds: seconds(end),
                windowStartSeconds: seconds(slot.windowStartMicros), windowEndSeconds: seconds(max(end, slot.windowStartMicros)),
                requests: requests, aggregated: aggregated,
                generator: GeneratorStats(
                    cpuPercent: cpu, allowedCores: allowedCores, schedulingLag: lag, loops: loads,
                    latencyP50Micros: aggregated.latency.micros(atPercentile: 50),
                    schedulingLagSecondsMax: windowSamples.map(\.schedulingLagMicros),
                    serviceP50Micros: aggregated.service.flatMap { $0.count > 0 ? $0.micros(atPercentile: 50) : nil }))
            // Ended before its planned end: the run stopped (a required action failed, Ctrl-C) during it.
            if endMicros < slot.endMicros { stage.cutShort = true }
            stage.inFlightAtEnd = inFlight(recorders: recorders, stage: slot.index)
            if let rate = slot.stage.rate {
                var tally = OpenTally()
                recorders.forEach { tally.merge($0.openTallies[slot.index]) }
                stage.open = OpenStageStats(
                    targetStartPerSecond: rate.startPerSecond, targetEndPerSecond: rate.endPerSecond, due: tally.due,
                    sent: tally.sent, completed: tally.completed, missed: tally.missed, peakInFlight: tally.peakInFlight,
                    connectionsOpened: tally.connectionsOpened, maxConnections: profile.maxConnections,
                    reachedMaxConnections: tally.reachedMaxConnections, waitedForPoolGrowth: tally.waitedForPoolGrowth)
            }
            if profile.hasFlows {
                stage.flows = profile.flows.indices.map { flow in
                    var merged = FlowStats(name: profile.flows[flow].name)
                    recorders.forEach { merged.add($0.flowStats[slot.index][flow]) }
                    return merged
                }
            }
            if profile.hasAwaitSteps {
                var merged: [VisibilityKey: VisibilityStats] = [:]
                for recorder in recorders {
                    for (key, stats) in recorder.visibility[slot.index] {
                        merged[key, default: VisibilityStats(name: stats.name, node: stats.node)].add(stats)
                    }
                }
                stage.visibility = merged.sorted { left, right in
                    left.key.request != right.key.request
                        ? left.key.request < right.key.request : (left.key.node ?? "") < (right.key.node ?? "")
                }.map(\.value)
            }
            if let count = stageCounts[slot.index] {
                stage.requestLimit = count.limit
                stage.requestsSent = count.sent
                stage.reachedRequestLimit = count.reached
            }
            return stage
        }
    }

    /// Users of a stage with `stageUsers` users that loop `index` of `loops` serves: user N runs on loop N mod `loops`.
    static func users(ofLoop index: Int, loops: Int, stageUsers: Int) -> Int {
        guard loops > 0, index < stageUsers else { return 0 }
        return (stageUsers - index + loops - 1) / loops
    }

    /// Folds the loops' statistics of one stage window into per-request totals and their aggregate.
    static func merge(_ perLoop: [[RequestStats]], requests specs: [RequestSpec]) -> (requests: [RequestStats], aggregated: RequestStats) {
        var requests = specs.map { RequestStats(name: $0.name, method: $0.method) }
        for loopStats in perLoop {
            for (index, stats) in loopStats.enumerated() { requests[index].add(stats) }
        }
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        requests.forEach { aggregated.add($0) }
        return (requests, aggregated)
    }

    /// The requests every loop saw in flight at stage `index`'s end, per request name; nil when none.
    private func inFlight(recorders: [LoopRecorder], stage index: Int) -> [InFlightRequests]? {
        var merged = profile.requests.map { _ in InFlightTally() }
        for recorder in recorders {
            for (request, tally) in recorder.inFlightAtEnd[index].enumerated() { merged[request].merge(tally) }
        }
        let counted = zip(profile.requests, merged).filter { $0.1.count > 0 }.map { request, tally in
            InFlightRequests(
                name: request.name, method: request.method, count: tally.count,
                longestMicros: UInt64(max(0, tally.longestMicros)))
        }
        return counted.isEmpty ? nil : counted
    }

    private func failures(recorders: [LoopRecorder]) -> [FailureRecord] {
        var merged: [FailureKey: FailureTally] = [:]
        for recorder in recorders {
            for (key, tally) in recorder.failures {
                if var existing = merged[key] {
                    existing.merge(tally)
                    merged[key] = existing
                } else {
                    merged[key] = tally
                }
            }
        }
        return merged.map { key, tally in
            let request = profile.requests[key.requestIndex]
            // Requests with no answer at the run's end are one row per name, saying how long the oldest waited.
            let message = key.failure.category == .incomplete
                ? Messages.noResponse(afterMicros: tally.longestAgeMicros, count: tally.count) : key.failure.message
            return FailureRecord(
                name: request.name, method: request.method, category: key.failure.category, message: message,
                occurrences: tally.count, firstSeen: clock.date(atMicros: tally.firstSeenMicros),
                lastSeen: clock.date(atMicros: tally.lastSeenMicros))
        }.sorted { ($0.name, $0.method, $0.message) < ($1.name, $1.method, $1.message) }
    }

    private func provenance() -> Provenance {
        Provenance(
            loadRunnerVersion: options.loadRunnerVersion, libcurlVersion: SystemInfo.libcurlVersion,
            hostName: SystemInfo.hostName, cpuCount: SystemInfo.onlineCPUCount, allowedCPUCount: SystemInfo.allowedCPUCount,
            kernel: SystemInfo.kernel, profileName: profile.name, profilePath: profile.sourcePath,
            profileText: profile.sourceText, target: profile.target.description, commandLine: options.commandLine,
            startTime: clock.startDate, endTime: clock.date(atMicros: endMicros))
    }

    private func seconds(_ micros: Int64) -> Double { Double(micros) / 1_000_000 }
}
