import Foundation
import LoadRunnerCore

/// Folds what every loop and the monitor recorded into one `RunResult`. Runs once, after the loops stop.
struct RunResultAssembler {
    let profile: Profile
    let options: EngineOptions
    let schedule: StageSchedule
    let clock: RunClock
    /// When the run stopped, in run microseconds (the schedule's end unless interrupted).
    let endMicros: Int64
    let interrupted: Bool
    /// Why an abort_on_fail threshold (or a required action) stopped the run, if one did.
    let abortedBy: String?
    /// What each stage that ends by count sent, by stage index.
    var stageCounts: [Int: StageCount] = [:]

    func assemble(
        recorders: [LoopRecorder], samples: [SecondSample], monitor: GeneratorMonitor, monitored: MonitorSampler?
    ) -> RunResult {
        var result = RunResult(
            provenance: provenance(),
            stages: stages(recorders: recorders, samples: samples, monitor: monitor),
            series: samples,
            failures: failures(recorders: recorders),
            interrupted: interrupted)
        result.abortedBy = abortedBy
        result.startUnixMicros = RunResult.unixMicros(clock.startDate)
        result.compareBudgets = profile.compareBudgets
        result.monitors = monitored?.series(stages: result.stages)
        result.evaluateThresholds(profile.thresholds)
        return result
    }

    private func stages(recorders: [LoopRecorder], samples: [SecondSample], monitor: GeneratorMonitor) -> [StageResult] {
        let allowedCores = SystemInfo.allowedCPUCount
        return schedule.slots.filter { $0.startMicros < endMicros || ($0.startMicros == 0 && endMicros == 0) }.map { slot in
            let (requests, aggregated) = Self.merge(recorders.map { $0.windowStats[slot.index] }, requests: profile.requests)
            let windowSamples = samples.filter { $0.stage == slot.index + 1 && $0.inWindow }
            let cpu = windowSamples.isEmpty ? 0 : windowSamples.map(\.generatorCPUPercent).reduce(0, +) / Double(windowSamples.count)
            let lag = monitor.stageLag(slot.index)
            let end = min(slot.endMicros, endMicros)
            var stage = StageResult(
                number: slot.index + 1, users: slot.stage.users, spawnRate: slot.stage.spawnRate,
                startSeconds: seconds(slot.startMicros), endSeconds: seconds(end),
                windowStartSeconds: seconds(slot.windowStartMicros), windowEndSeconds: seconds(max(end, slot.windowStartMicros)),
                requests: requests, aggregated: aggregated,
                generator: GeneratorStats(cpuPercent: cpu, allowedCores: allowedCores, schedulingLag: lag))
            // Ended before its planned end: the run stopped (a required action failed, Ctrl-C) during it.
            if endMicros < slot.endMicros { stage.cutShort = true }
            stage.inFlightAtEnd = inFlight(recorders: recorders, stage: slot.index)
            if let count = stageCounts[slot.index] {
                stage.requestLimit = count.limit
                stage.requestsSent = count.sent
                stage.reachedRequestLimit = count.reached
            }
            return stage
        }
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
            return FailureRecord(
                name: request.name, method: request.method, category: key.failure.category, message: key.failure.message,
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
