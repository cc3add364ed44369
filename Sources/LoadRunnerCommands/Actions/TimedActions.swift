import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerText

/// Runs the profile's actions that have a moment during the load (`at: 90s`, `at: 40%`,
/// `after_requests: N`), each once, when its moment comes. A required action that fails ends the load
/// (`LoadRun.stopLoad`). `at: end` actions are not run here (see `AfterLoad`).
struct TimedActions: Sendable {
    let actions: [ActionSpec]
    /// The running load: its clock, requests sent, planned length (for `at: 40%`) and early end.
    let load: LoadRun
    let runner: CommandRunner

    /// How often due moments are looked for: `after_requests` has no event to wait on.
    static let pollInterval = Duration.milliseconds(10)

    /// Starts watching for the moments; nil when no action has one. Cancel the task when the load ends:
    /// moments not reached by then are skipped, and commands still running are awaited (each is bounded by
    /// its timeout). The value is each started action's execution, by index into `actions`.
    func start(observer: some RunObserver) -> Task<[Int: Started], Never>? {
        let timed = actions.indices.filter { actions[$0].trigger != .end }
        guard !timed.isEmpty else { return nil }
        return Task {
            await withTaskGroup(of: (Int, Started).self) { group in
                var pending = timed
                while !pending.isEmpty {
                    let now = load.clock.nowMicros()
                    let sent = load.requestsSent
                    let due = pending.filter {
                        actions[$0].trigger.isDue(nowMicros: now, requestsSent: sent, plannedMicros: load.plannedMicros)
                    }
                    for index in due {
                        group.addTask { (index, await perform(actions[index], observer: observer)) }
                    }
                    pending.removeAll { due.contains($0) }
                    do { try await Task.sleep(for: Self.pollInterval) } catch { break }
                }
                var runs: [Int: Started] = [:]
                for await (index, run) in group { runs[index] = run }
                return runs
            }
        }
    }

    private func perform(_ action: ActionSpec, observer: some RunObserver) async -> Started {
        let sent = load.requestsSent
        observer.report(.note(CommandMessages.actionStarted(action, atSeconds: Double(load.clock.nowMicros()) / 1_000_000, sent: sent)))
        let run = await runner.run(action.command, timeout: action.timeout, role: .action(action.name))
        ActionReporting.reportEnd(action, run: run, stopping: runner.isStopping, observer: observer)
        // Ended by the run's own stop (Ctrl-C), a required action does not also abort the run.
        if action.required && !run.succeeded && !runner.isStopping {
            load.stopLoad(reason: CommandMessages.requiredActionFailed(action, run: run))
        }
        let counted = if case .afterRequests = action.trigger { true } else { false }
        return Started(run: run, requestsSent: counted ? sent : nil)
    }

    /// An action's execution, and the requests sent when it started (for `after_requests` actions).
    struct Started: Sendable {
        var run: ShellOutcome
        var requestsSent: Int?
    }
}

/// The lines an action's end gives in the log.
enum ActionReporting {
    /// `stopping`: the run is being stopped (Ctrl-C), which ended the action, so that is not its failure.
    static func reportEnd(_ action: ActionSpec, run: ShellOutcome, stopping: Bool, observer: some RunObserver) {
        if stopping && !run.succeeded {
            observer.report(.note(CommandMessages.actionStopped(action, run: run)))
        } else if run.succeeded {
            observer.report(.note(CommandMessages.actionEnded(action, run: run)))
        } else {
            observer.report(.warning(CommandMessages.actionFailed(action, run: run)))
        }
    }
}
