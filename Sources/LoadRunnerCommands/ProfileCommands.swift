import LoadRunnerModel
import LoadRunnerEngine
import Synchronization
import LoadRunnerText

/// A profile's own commands beside its load: timed actions and command monitors during it, then the
/// `at: end` actions (the command monitors still sampling) and the checks after it. The engine reaches it
/// through its run phases; `finish` returns what the run's result records of it.
package final class ProfileCommands: RunPhases {
    private let profile: Profile
    /// The commands started and not yet reaped, so that a stop of the run (Ctrl-C) reaches them.
    private let commands: RunningCommands
    private let stop: StopSignal
    private let state = Mutex<Started?>(nil)

    /// What `started` began.
    private struct Started: Sendable {
        var load: LoadRun
        var runner: CommandRunner
        var actions: Task<[Int: TimedActions.Started], Never>?
        var monitors: Task<CommandMonitorSampler.Recording, Never>?
        var timedRuns: [Int: TimedActions.Started] = [:]
    }

    package init(profile: Profile, commands: RunningCommands, stop: StopSignal) {
        self.profile = profile
        self.commands = commands
        self.stop = stop
    }

    /// `after_requests` actions wait for a count of the requests sent.
    package var needsRequestCounts: Bool {
        profile.actions.contains { if case .afterRequests = $0.trigger { true } else { false } }
    }

    package func started(_ run: LoadRun) {
        let runner = CommandRunner(clock: run.clock, commands: commands)
        let monitors = CommandMonitorSampler.start(
            specs: profile.commandMonitors, clock: run.clock, runner: runner, observer: run.observer)
        let actions = TimedActions(actions: profile.actions, load: run, runner: runner).start(observer: run.observer)
        state.withLock { $0 = Started(load: run, runner: runner, actions: actions, monitors: monitors) }
    }

    /// Skips the timed actions whose moment has not come, and waits for those still running.
    package func loadEnded() async {
        guard let started = state.withLock({ $0 }) else { return }
        started.actions?.cancel()
        if !stop.isRequested {
            // A timed action outliving the load holds the run up to its timeout: say so rather than wait silently.
            for command in commands.running where command.role.isAction {
                started.load.observer.report(.note(CommandMessages.waitingForAction(command)))
            }
        }
        let timedRuns = await started.actions?.value ?? [:]
        state.withLock { $0?.timedRuns = timedRuns }
    }

    /// Runs the `at: end` actions while the command monitors go on sampling (so a replica catching up after
    /// a failover is on the chart), stops the monitors, runs the checks against `load`'s numbers, and returns
    /// what the result records of them all.
    package func finish(after load: LoadMeasurements, observer: some RunObserver) async -> RunOutcomes {
        guard let started = state.withLock({ $0 }) else { return RunOutcomes() }
        let interrupted = load.interrupted || stop.isRequested
        let afterLoad = AfterLoad(profile: profile, runner: started.runner, stop: stop)
        let skipReason = interrupted ? CommandMessages.skippedInterrupted : load.stopReason
        let end = await afterLoad.endActions(skipReason: skipReason, observer: observer)
        var outcomes = RunOutcomes()
        if !profile.commandMonitors.isEmpty {
            outcomes.commandMonitors = await CommandMonitorSampler.finish(started.monitors, stages: load.stages)
        }
        if !profile.actions.isEmpty {
            outcomes.actions = AfterLoad.actionResults(
                profile.actions, timed: started.timedRuns, atEnd: end.runs, skipped: end.skipped,
                notReachedReason: interrupted ? CommandMessages.skippedInterrupted : CommandMessages.actionNotReached,
                loadEndSeconds: load.endSeconds)
        }
        if !profile.checks.isEmpty && !interrupted {
            outcomes.checks = await afterLoad.checks(
                numbers: load.numbers(commandMonitors: outcomes.commandMonitors), observer: observer)
        }
        return outcomes
    }
}

extension LoadEngine {
    /// Runs the profile: its load, with its commands beside it (`commands` is where a stop of the run finds
    /// them), then what comes after the load; returns the run's one result.
    package func run(
        observer: some RunObserver, stop: StopSignal, commands: RunningCommands
    ) async throws(EngineError) -> RunResult {
        let phases = ProfileCommands(profile: profile, commands: commands, stop: stop)
        let load = try await measure(observer: observer, stop: stop, phases: phases)
        let outcomes = await phases.finish(after: load, observer: observer)
        // Ctrl-C while the `at: end` actions or the checks ran: what did not run is marked so, and so is the run.
        return RunResultAssembler.assemble(load, outcomes: outcomes, stopped: stop.isRequested)
    }
}
