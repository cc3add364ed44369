import Foundation
import LoadRunnerCore

/// Runs a validated profile: loads its data, starts the curl loops, drives virtual users through the
/// stages, and returns everything measured. Stopping early (StopSignal) still returns the result.
public struct LoadEngine: Sendable {
    public let profile: Profile
    public let options: EngineOptions

    public init(profile: Profile, options: EngineOptions) {
        self.profile = profile
        self.options = options
    }

    public func run(observer: some RunObserver, stop: StopSignal) async throws(EngineError) -> RunResult {
        let planned = StageSchedule(stages: profile.stages)
        let loopCount = options.loopCount(peakUsers: planned.peakUsers)
        try checkOpenFileLimit(users: planned.peakUsers, loops: loopCount)
        try checkHTTP2Support()
        let settings = transferSettings()
        let fetcher = BodyFetcher(settings: settings, headerLines: DataLoader.fetchHeaderLines(profile), stop: stop)
        let sources = try await DataLoader(profile: profile, fetcher: fetcher).load()
        let plans = try profile.requests.map { request throws(EngineError) in
            try RequestPlan(request: request, profile: profile, sources: sources)
        }

        let clock = RunClock()
        let schedule = LiveSchedule(planned)
        let series = SeriesCollector(loopCount: loopCount)
        let usersPerLoop = (planned.peakUsers + loopCount - 1) / loopCount
        var loops: [CurlLoop] = []
        for index in 0..<loopCount {
            loops.append(try CurlLoop(
                index: index, clock: clock, schedule: schedule, requests: profile.requests,
                maxTransfers: usersPerLoop, series: series))
        }
        loops.forEach { $0.start() }

        let control = UserControl(slots: planned.peakUsers, countsRequests: countsRequests)
        let monitor = GeneratorMonitor(clock: clock, schedule: schedule, control: control)
        let setup = UserSetup(
            plans: plans, sources: sources, mix: RequestMix(weights: profile.requests.map(\.weight)),
            thinkTime: profile.thinkTime, settings: settings, clock: clock, seed: options.seed,
            reportProblem: { observer.problem(Messages.userCouldNotStart($0)) })
        let runner = CommandRunner(clock: clock, commands: stop.commands)
        let abort = RunAbort()
        observer.runStarted(at: clock.startDate)

        let monitorTask = Task { await monitor.run() }
        let processMonitors = MonitorSampler.start(specs: profile.monitors, clock: clock, observer: observer)
        let commandMonitors = CommandMonitorSampler.start(
            specs: profile.commandMonitors, clock: clock, runner: runner, observer: observer)
        let actions = TimedActions(
            actions: profile.actions, plannedMicros: planned.totalMicros, clock: clock, control: control, runner: runner,
            abort: abort
        ).start(observer: observer)
        let reporter = Task {
            var builder = SecondSampleBuilder(
                schedule: planned, requests: profile.requests, startUnixTime: clock.startDate.timeIntervalSince1970)
            var samples: [SecondSample] = []
            for await second in series.seconds {
                let seen = await monitor.second(second.second)
                let endOfSecond = Int64(second.second + 1) * 1_000_000 - 1
                let timeline = schedule.current
                builder.update(schedule: timeline)
                let sample = builder.sample(
                    second: second.second, requests: second.requests,
                    users: seen?.users ?? timeline.users(atMicros: endOfSecond),
                    generatorCPUPercent: seen?.cpuPercent ?? 0, schedulingLagMicros: seen?.maxLagMicros ?? 0)
                samples.append(sample)
                observer.secondCompleted(sample)
            }
            return samples
        }

        // The driver runs on the first curl loop's thread, not on Swift's shared pool: the schedule must not
        // slip when other work (in a host process, or tests) keeps the pool busy.
        let driven = await withTaskExecutorPreference(loops[0]) {
            await drive(schedule: schedule, loops: loops, setup: setup, control: control, clock: clock, stop: stop, abort: abort)
        }
        let endMicros = driven.endMicros
        let recorders = loops.map { $0.stop(endMicros: endMicros) }
        series.finish()
        let samples = await reporter.value
        monitorTask.cancel()
        _ = await monitorTask.value
        actions?.cancel()
        if !stop.isRequested {
            // A timed action outliving the load holds the run up to its timeout: say so rather than wait silently.
            for command in runner.commands.running where command.role.isAction {
                observer.note(Messages.waitingForAction(command))
            }
        }
        let timedRuns = await actions?.value ?? [:]
        let monitored = await MonitorSampler.finish(processMonitors, endMicros: endMicros, observer: observer)

        let timeline = schedule.current
        let interrupted = endMicros < timeline.totalMicros && driven.abortedBy == nil && abort.reason == nil
        // A required action that stopped the load is told by the actions, not as a threshold abort.
        var result = RunResultAssembler(
            profile: profile, options: options, schedule: timeline, clock: clock, endMicros: endMicros,
            interrupted: interrupted, abortedBy: driven.abortedBy, stageCounts: driven.stageCounts
        ).assemble(recorders: recorders, samples: samples, monitor: monitor, monitored: monitored)
        result = await finishCommands(
            result, timedRuns: timedRuns, loadEndMicros: endMicros, commandMonitors: commandMonitors,
            interrupted: interrupted || stop.isRequested, abort: abort, runner: runner, stop: stop, observer: observer)
        // Ctrl-C while the `at: end` actions or the checks ran: what did not run is marked so, and so is the run.
        if stop.isRequested { result.markInterrupted() }
        return result
    }

    /// Runs the `at: end` actions while the command monitors go on sampling (so a replica catching up after
    /// a failover is on the chart), stops the monitors, runs the checks, and records it all in `result`.
    private func finishCommands(
        _ result: RunResult, timedRuns: [Int: TimedActions.Started], loadEndMicros: Int64, commandMonitors: Task<CommandMonitorSampler.Recording, Never>?,
        interrupted: Bool, abort: RunAbort, runner: CommandRunner, stop: StopSignal, observer: some RunObserver
    ) async -> RunResult {
        var result = result
        let afterLoad = AfterLoad(profile: profile, runner: runner, stop: stop)
        let skipReason = interrupted ? Messages.skippedInterrupted : abort.reason
        let end = await afterLoad.endActions(skipReason: skipReason, observer: observer)
        if !profile.commandMonitors.isEmpty {
            result.commandMonitors = await CommandMonitorSampler.finish(commandMonitors, stages: result.stages)
            // Thresholds on command monitors (`command[NAME].max < ...`) can only be judged now.
            result.evaluateThresholds(profile.thresholds)
        }
        if !profile.actions.isEmpty {
            result.actions = AfterLoad.actionResults(
                profile.actions, timed: timedRuns, atEnd: end.runs, skipped: end.skipped,
                notReachedReason: interrupted ? Messages.skippedInterrupted : Messages.actionNotReached,
                loadEndSeconds: Double(loadEndMicros) / 1_000_000)
        }
        if !profile.checks.isEmpty && !interrupted {
            result.checks = await afterLoad.checks(numbers: RunNumbers(result: result), observer: observer)
        }
        return result
    }

    /// Whether users must count the requests they send: only for stages that end by count and
    /// `after_requests` actions.
    private var countsRequests: Bool {
        profile.stages.contains { $0.requestLimit != nil }
            || profile.actions.contains { if case .afterRequests = $0.trigger { true } else { false } }
    }

    /// What the driver reports when the load has stopped.
    private struct Driven: Sendable {
        /// When (run microseconds) the load stopped.
        var endMicros: Int64
        /// Which `abort_on_fail` threshold stopped it early, if one did (a failed required action is in `RunAbort`).
        var abortedBy: String?
        /// For each stage that ends by count and started: its count, as sent.
        var stageCounts: [Int: StageCount]
    }

    /// Starts and stops users as the schedule says until it ends, a stop is requested, or an
    /// `abort_on_fail` threshold fails at the end of a stage window, or a required action failed; then ends
    /// every transfer and waits for the users to leave. A stage that ends by count ends once its requests
    /// are spent and its last user has left; the schedule then moves the stages after it earlier.
    private func drive(
        schedule live: LiveSchedule, loops: [CurlLoop], setup: UserSetup, control: UserControl, clock: RunClock,
        stop: StopSignal, abort: RunAbort
    ) async -> Driven {
        await withTaskGroup(of: Void.self) { group in
            var schedule = live.current
            var now = clock.nowMicros()
            var stagesChecked = 0
            var abortedBy: String?
            var abortMicros = schedule.totalMicros
            var counted = CountedStages()
            while now < schedule.totalMicros && !stop.isRequested {
                while abortedBy == nil && stagesChecked < schedule.slots.count && now >= schedule.slots[stagesChecked].endMicros {
                    abortedBy = await abortingThreshold(in: schedule.slots[stagesChecked], loops: loops)
                    abortMicros = schedule.slots[stagesChecked].endMicros
                    stagesChecked += 1
                }
                if abortedBy != nil { break }
                if abort.reason != nil {
                    abortMicros = now
                    break
                }
                guard let slot = schedule.slot(atMicros: now) else { break }
                counted.enter(slot, control: control)
                control.setTarget(schedule.users(atMicros: now))
                if slot.stage.requestLimit != nil && control.requestsLeft == 0 {
                    // Spent: start no one; once the last user has left, the stage is over.
                    if control.occupiedSlots == 0 {
                        counted.reached(slot, control: control)
                        live.endStage(slot.index, atMicros: now)
                        schedule = live.current
                        continue
                    }
                    try? await Task.sleep(for: .milliseconds(5))
                    now = clock.nowMicros()
                    continue
                }
                for index in control.claimFreeSlots(below: schedule.users(atMicros: now)) {
                    let loop = loops[index % loops.count]
                    let user = VirtualUser(index: index, loop: loop, setup: setup, control: control)
                    group.addTask(executorPreference: loop) {
                        await user.run()
                        control.release(slot: index)
                    }
                }
                let poll: Int64 = slot.stage.requestLimit == nil ? 50_000 : 10_000
                let wake = min(schedule.nextChange(afterMicros: now) ?? schedule.totalMicros, now + poll)
                try? await Task.sleep(for: .microseconds(max(0, wake - clock.nowMicros())))
                now = clock.nowMicros()
            }
            counted.leave(control: control)
            // An abort happens at the end of the failing stage: the next stage, barely begun, is not reported.
            let endMicros = min(now, abortedBy == nil && abort.reason == nil ? schedule.totalMicros : abortMicros)
            control.stop()
            control.setTarget(0)
            loops.forEach { $0.abandonTransfers() }
            group.cancelAll()
            await group.waitForAll()
            return Driven(endMicros: endMicros, abortedBy: abortedBy, stageCounts: counted.counts)
        }
    }

    /// Judges the `abort_on_fail` thresholds on a stage whose window just ended; returns what failed, if any.
    private func abortingThreshold(in slot: StageSchedule.Slot, loops: [CurlLoop]) async -> String? {
        let specs = profile.thresholds.filter(\.abortOnFail)
        guard !specs.isEmpty else { return nil }
        var perLoop: [[RequestStats]] = []
        for loop in loops { perLoop.append(await loop.windowStats(stage: slot.index)) }
        let (requests, aggregated) = RunResultAssembler.merge(perLoop, requests: profile.requests)
        let seconds = { (micros: Int64) in Double(micros) / 1_000_000 }
        let stage = StageResult(
            number: slot.index + 1, users: slot.stage.users, spawnRate: slot.stage.spawnRate,
            startSeconds: seconds(slot.startMicros), endSeconds: seconds(slot.endMicros),
            windowStartSeconds: seconds(slot.windowStartMicros), windowEndSeconds: seconds(slot.endMicros),
            requests: requests, aggregated: aggregated,
            generator: GeneratorStats(cpuPercent: 0, allowedCores: 1, schedulingLagP99Micros: 0, schedulingLagMaxMicros: 0))
        let failed = ThresholdEvaluator.evaluate(specs, stage: stage).first { $0.failed }
        return failed.map { "\"\($0.threshold)\" failed in stage \(slot.index + 1) (\($0.summary))" }
    }

    private func transferSettings() -> TransferSettings {
        TransferSettings(
            timeoutMillis: Int(profile.timeout.micros / 1_000),
            connectTimeoutMillis: Int(profile.connectTimeout.micros / 1_000),
            http2: profile.http2, https: profile.target.scheme == "https", insecure: profile.insecure,
            userAgent: "LoadRunner/\(options.loadRunnerVersion)")
    }

    /// libcurl before 8.0 fails every request after the first on a reused cleartext HTTP/2 connection
    /// ("Error in the HTTP2 framing layer", curl issue 10634): refuse rather than report a broken server.
    private func checkHTTP2Support() throws(EngineError) {
        guard profile.http2, profile.target.scheme == "http", SystemInfo.libcurlVersionNumber < 0x08_00_00 else { return }
        throw .setup(Messages.cleartextHTTP2Unsupported(libcurl: SystemInfo.libcurlVersion))
    }

    /// Each user holds one connection; make sure the process may open that many sockets.
    private func checkOpenFileLimit(users: Int, loops: Int) throws(EngineError) {
        // `users` is at most ProfileLimits.maxUsers (a million), so this sum is far from overflow.
        let needed = users + 64 + loops * 8
        let limit = SystemInfo.raiseOpenFileLimit(to: needed)
        guard limit >= needed else { throw .setup(Messages.openFileLimit(needed: needed, limit: limit, users: users)) }
    }
}
