import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// Runs a validated profile: loads its data, starts the curl loops, drives virtual users through the
/// stages, and returns everything measured. Stopping early (StopSignal) still returns the result.
package struct LoadEngine: Sendable {
    package let profile: Profile
    package let options: EngineOptions

    /// The engine of `profile` as `options` say; in a shard, the profile's closed-stage request budgets become the
    /// shard's share (`ShardPlan.stages`).
    package init(profile: Profile, options: EngineOptions) {
        var own = profile
        own.stages = options.shardPlan.stages(profile.stages)
        self.profile = own
        self.options = options
    }

    /// Runs the load alone, with nothing of the profile's commands beside it, and returns its result.
    package func run(observer: some RunObserver, stop: StopSignal) async throws(EngineError) -> RunResult {
        let load = try await measure(observer: observer, stop: stop, phases: NoRunPhases())
        return RunResultAssembler.assemble(load, outcomes: RunOutcomes(), stopped: stop.isRequested)
    }

    /// Runs the load with `phases` beside it (told when it starts, each second, each stage's end and the
    /// load's end) and returns what the load measured.
    package func measure(
        observer: some RunObserver, stop: StopSignal, phases: some RunPhases
    ) async throws(EngineError) -> LoadMeasurements {
        let planned = StageSchedule(stages: profile.stages)
        let shard = options.shardPlan
        // A shard runs its share of the users and of the arrivals: its loops and sockets are sized for that share.
        let ownPeakUsers = shard.share(of: planned.peakUsers)
        let peakRate = profile.stages.compactMap(\.rate).map { max($0.startPerSecond, $0.endPerSecond) }.max() ?? 0
        let loopCount = options.loopCount(peakUsers: ownPeakUsers, peakRatePerSecond: peakRate / Double(shard.count))
        try checkOpenFileLimit(users: ownPeakUsers, loops: loopCount)
        try checkHTTP2Support()
        let settings = transferSettings()
        let fetcher = BodyFetcher(settings: settings, headerLines: DataLoader.fetchHeaderLines(profile), stop: stop)
        let sources = try await DataLoader(profile: profile, fetcher: fetcher, shard: shard).load()
        let variableNames = VariableNames.of(profile.requests)
        let plans = try profile.requests.map { request throws(EngineError) in
            try RequestPlan(request: request, profile: profile, sources: sources, variables: variableNames)
        }

        let start = try await waitForCommonStart(stop: stop)
        let clock = start.map { RunClock(originUnixMicros: $0.originUnixMicros) } ?? RunClock()
        if let start, start.startedLate {
            observer.report(Messages.startedLate(lateMicros: start.lateMicros, boundMicros: CommonStart.lateBoundMicros))
        }
        let schedule = LiveSchedule(planned)
        let series = SeriesCollector(loopCount: loopCount)
        let usersPerLoop = (ownPeakUsers + loopCount - 1) / loopCount
        let mix = RequestMix(weights: profile.requests.map(\.weight))
        let open = profile.hasOpenStages ? OpenArrivals(
            plan: ArrivalPlan(schedule: planned, seed: options.seed), plans: plans, sources: sources, mix: mix,
            settings: settings, seed: options.seed, maxLagMicros: profile.maxLag.micros,
            maxConnections: profile.maxConnections, loops: loopCount, shard: shard) : nil
        var loops: [CurlLoop] = []
        for index in 0..<loopCount {
            loops.append(try CurlLoop(
                index: index, clock: clock, schedule: schedule, requests: profile.requests,
                maxTransfers: usersPerLoop, series: series, open: open, flows: profile.flows))
        }
        loops.forEach { $0.start() }

        let control = UserControl(slots: planned.peakUsers, countsRequests: countsRequests(phases: phases), shard: shard)
        control.setLoadEnd(micros: planned.totalMicros)
        let monitor = GeneratorMonitor(clock: clock, schedule: schedule, control: control, loops: loops.map(\.counters))
        let setup = UserSetup(
            plans: plans, sources: sources, mix: mix,
            thinkTime: profile.thinkTime, settings: settings, clock: clock, schedule: schedule, seed: options.seed,
            reportProblem: { observer.report(Messages.userCouldNotStart($0)) }, variableNames: variableNames)
        let flows = profile.hasFlows ? FlowSetup(
            flows: profile.flows, assignment: FlowAssignment(weights: profile.flows.map(\.weight), users: planned.peakUsers)) : nil
        let abort = RunAbort()
        observer.runStarted(at: clock.startDate)
        phases.started(LoadRun(
            clock: clock, plannedMicros: planned.totalMicros, observer: observer, control: control, abort: abort))

        let monitorTask = Task { await monitor.run() }
        let processMonitors = MonitorSampler.start(specs: profile.monitors, clock: clock, observer: observer)
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
                if let last = samples.last, last.stage < sample.stage { phases.stageEnded(number: last.stage) }
                samples.append(sample)
                observer.secondCompleted(sample, failures: second.requests.map {
                    RequestFailureCounts(name: $0.name, method: $0.method, byCategory: $0.failuresByCategory)
                })
                phases.secondCompleted(sample)
            }
            return samples
        }

        // The driver runs on the first curl loop's thread, not on Swift's shared pool: the schedule must not
        // slip when other work (in a host process, or tests) keeps the pool busy.
        let driven = await withTaskExecutorPreference(loops[0]) {
            await drive(
                schedule: schedule, loops: loops, setup: setup, flows: flows, control: control, clock: clock, stop: stop,
                abort: abort, observer: observer)
        }
        let endMicros = driven.endMicros
        let recorders = loops.map { $0.stop(endMicros: endMicros) }
        let loopLags = loops.map(\.lag)
        // The loops' handles and connections go now, and what the load freed goes back to the system: the results
        // and reports are built in other threads' memory (`FreedMemory`).
        loops.removeAll()
        FreedMemory.giveBack()
        series.finish()
        let samples = await reporter.value
        monitorTask.cancel()
        _ = await monitorTask.value
        await phases.loadEnded()
        let monitored = await MonitorSampler.finish(processMonitors, endMicros: endMicros, observer: observer)

        let timeline = schedule.current
        let interrupted = endMicros < timeline.totalMicros && driven.abortedBy == nil && abort.reason == nil
        // A load ended by the work beside it (a required action failed) is told there, not as a threshold abort.
        return RunResultAssembler(
            profile: profile, options: options, schedule: timeline, clock: clock, endMicros: endMicros,
            interrupted: interrupted, abortedBy: driven.abortedBy, stageCounts: driven.stageCounts,
            lateStartMicros: start?.lateMicros
        ).measure(
            recorders: recorders, loopLags: loopLags, samples: samples, monitor: monitor, monitored: monitored,
            stopReason: abort.reason)
    }

    /// Waits until the common start (`EngineOptions.startAtUnixMicros`) and says where the run's time zero goes;
    /// nil when none was asked for. A stop requested while waiting ends the run before anything was sent.
    private func waitForCommonStart(stop: StopSignal) async throws(EngineError) -> CommonStart? {
        guard let startAt = options.startAtUnixMicros else { return nil }
        while !stop.isRequested {
            let left = startAt - RunResult.unixMicros(Date())
            if left <= 0 { break }
            try? await Task.sleep(for: .microseconds(min(left, StopDrain.pollMicros)))
        }
        if stop.isRequested { throw .interrupted(Messages.stoppedBeforeCommonStart) }
        return CommonStart(startAtUnixMicros: startAt, nowUnixMicros: RunResult.unixMicros(Date()))
    }

    /// Whether users must count the requests they send: only for stages that end by count and when the
    /// work beside the load asks (`after_requests` actions).
    private func countsRequests(phases: some RunPhases) -> Bool {
        profile.stages.contains { $0.requestLimit != nil } || phases.needsRequestCounts
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
    /// every transfer and waits for the users to leave. The rules are `RunDriver`'s; this loop asks it what
    /// to do, does it, and sleeps until it wants to be asked again.
    private func drive(
        schedule live: LiveSchedule, loops: [CurlLoop], setup: UserSetup, flows: FlowSetup?, control: UserControl,
        clock: RunClock, stop: StopSignal, abort: RunAbort, observer: some RunObserver
    ) async -> Driven {
        await withTaskGroup(of: Void.self) { group in
            var driver = RunDriver(judgesThresholds: profile.thresholds.contains(where: \.abortOnFail))
            var now = clock.nowMicros()
            var endMicros = now
            var abortedBy: String?
            driving: while true {
                let step = driver.step(RunDriver.Input(
                    nowMicros: now, schedule: live.current, occupiedSlots: control.occupiedSlots,
                    requestsLeft: control.requestsLeft, stopRequested: stop.isRequested, abortRequested: abort.reason != nil,
                    sourceExhausted: control.exhaustedSourceIndex != nil))
                for command in step.commands {
                    switch command {
                    case .setRequestLimit(let limit): control.setRequestLimit(limit)
                    case .setTargetUsers(let users): control.setTarget(users)
                    case .startUsers(let users):
                        for index in control.claimFreeSlots(below: users) {
                            let loop = loops[control.shard.localIndex(ofUser: index) % loops.count]
                            if let flows {
                                let user = FlowUser(index: index, loop: loop, setup: setup, flows: flows, control: control)
                                group.addTask(executorPreference: loop) {
                                    await user.run()
                                    control.release(slot: index)
                                }
                                continue
                            }
                            let user = VirtualUser(index: index, loop: loop, setup: setup, control: control)
                            group.addTask(executorPreference: loop) {
                                await user.run()
                                control.release(slot: index)
                            }
                        }
                    case .endStage(let index, let micros):
                        if let source = control.exhaustedSourceIndex.map({ setup.sources[$0] }) {
                            observer.report(Messages.sourceRanOut(source.name, rows: source.picker.count, stage: index + 1))
                        }
                        live.endStage(index, atMicros: micros)
                        control.setLoadEnd(micros: live.current.totalMicros)
                    case .judgeThresholds(let index):
                        driver.judged(failure: await abortingThreshold(in: live.current.slots[index], loops: loops))
                    case .stopLoad(let micros, let reason):
                        endMicros = micros
                        control.setLoadEnd(micros: micros)
                        loops.forEach { $0.endArrivals(atMicros: micros) }
                        if case .thresholdFailed(let text) = reason { abortedBy = text }
                    }
                }
                switch step.wake {
                case .immediately: continue
                case .atMicros(let wake):
                    try? await Task.sleep(for: .microseconds(max(0, wake - clock.nowMicros())))
                    now = clock.nowMicros()
                case .never: break driving
                }
            }
            // Before users see the stop: on Ctrl-C they leave without their flow's `on_stop`.
            if stop.isRequested { control.skipOnStop() }
            control.stop()
            control.setTarget(0)
            let drain = drainTransfers(loops: loops, clock: clock, stop: stop, control: control)
            group.cancelAll()
            await group.waitForAll()
            drain.cancel()
            return Driven(endMicros: endMicros, abortedBy: abortedBy, stageCounts: driver.stageCounts)
        }
    }

    /// Ends the load's requests: the loops send nothing new and let running requests finish for up to the
    /// profile's `timeout` (so each ends by its own timeout), or `StopDrain.afterSignalMicros` once a stop
    /// was requested (also during the drain); what is still running then is recorded as `incomplete`. Flow users
    /// send their `on_stop` steps within the drain, unless a stop was requested (then they leave without them).
    /// Returns the task that shortens the drain on a stop; cancel it once the users have left.
    private func drainTransfers(loops: [CurlLoop], clock: RunClock, stop: StopSignal, control: UserControl) -> Task<Void, Never> {
        let timeout = profile.timeout.micros
        let signalled = min(timeout, StopDrain.afterSignalMicros)
        let now = clock.nowMicros()
        let stopped = stop.isRequested
        loops.forEach { $0.drainTransfers(untilMicros: now + (stopped ? signalled : timeout)) }
        return Task {
            guard !stopped else { return }
            while !Task.isCancelled && !stop.isRequested {
                try? await Task.sleep(for: .microseconds(StopDrain.pollMicros))
            }
            guard stop.isRequested else { return }
            control.skipOnStop()
            let until = clock.nowMicros() + signalled
            loops.forEach { $0.drainTransfers(untilMicros: until) }
        }
    }

    /// Judges the `abort_on_fail` thresholds on a stage whose window just ended, on the window's merged
    /// statistics once the stage's own requests are in (each loop waits for those that started before the
    /// stage's end, at most the profile's timeout); returns what failed, if any.
    private func abortingThreshold(in slot: StageSchedule.Slot, loops: [CurlLoop]) async -> String? {
        let specs = profile.thresholds.filter(\.abortOnFail)
        guard !specs.isEmpty else { return nil }
        for loop in loops { await loop.settled(before: slot.endMicros) }
        var perLoop: [[RequestStats]] = []
        for loop in loops { perLoop.append(await loop.windowStats(stage: slot.index)) }
        let (requests, aggregated) = RunResultAssembler.merge(perLoop, requests: profile.requests)
        let seconds = { (micros: Int64) in Double(micros) / 1_000_000 }
        // The same subtraction a `StageResult` makes, so mid-run and end-of-run verdicts agree to the bit.
        let target = slot.stage.rate.map { rate in
            OpenStageStats.meanTarget(
                from: rate.startPerSecond, to: rate.endPerSecond, stage: seconds(slot.startMicros)...seconds(slot.endMicros),
                window: seconds(slot.windowStartMicros)...max(seconds(slot.windowStartMicros), seconds(slot.endMicros)))
        }
        let window = StageWindow(
            stage: slot.index + 1, requests: requests, aggregated: aggregated,
            windowSeconds: max(0, seconds(slot.endMicros) - seconds(slot.windowStartMicros)), targetPerSecond: target)
        let failed = ThresholdEvaluator.evaluate(specs, window: window).first { $0.failed }
        return failed.map { Messages.thresholdAborted($0.threshold, stage: slot.index + 1, summary: $0.summary) }
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

    /// Each user holds one connection, and open stages up to `max_connections`; make sure the process may open
    /// that many sockets.
    private func checkOpenFileLimit(users: Int, loops: Int) throws(EngineError) {
        let connections = profile.hasOpenStages ? profile.maxConnections : 0
        let needed = Self.openFilesNeeded(users: users, connections: connections, loops: loops)
        let limit = SystemInfo.raiseOpenFileLimit(to: needed)
        guard limit >= needed else {
            let message = connections > users
                ? Messages.openFileLimit(needed: needed, limit: limit, connections: connections)
                : Messages.openFileLimit(needed: needed, limit: limit, users: users)
            throw .setup(message)
        }
    }

    /// The open files a run needs: a socket per user or per open-stage connection (whichever is more: closed and
    /// open stages do not run at once), plus room for libcurl, the loops and the process's own files.
    package static func openFilesNeeded(users: Int, connections: Int, loops: Int) -> Int {
        // Both counts are at most a million (ProfileLimits), so this sum is far from overflow.
        max(users, connections) + 64 + loops * 8
    }
}

/// How the load's end drains its requests after a stop (Ctrl-C, SIGTERM, SIGHUP).
enum StopDrain {
    /// How long requests in flight may still finish after a stop, at most (2 s; less when the timeout is shorter).
    static let afterSignalMicros: Int64 = 2_000_000
    /// How often a drain that began without a stop looks for one.
    static let pollMicros: Int64 = 50_000
}
