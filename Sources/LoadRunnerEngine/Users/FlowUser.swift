import LoadRunnerModel

/// One simulated user of a flow profile: runs its flow's `on_start` once, then the flow's steps in order again and
/// again while the schedule has a place for it, then its `on_stop` once; all on its own kept-alive transfer with its
/// own cookie jar (unless the flow turns cookies off). Runs on its curl loop's thread, beside `VirtualUser`, which
/// runs the request mix.
struct FlowUser: Sendable {
    let index: Int
    let loop: CurlLoop
    let setup: UserSetup
    let flows: FlowSetup
    let control: UserControl

    /// How a pass over a step list ended.
    private enum PassEnd {
        /// Every step ran, or a failed capture skipped the rest (`skipped`).
        case finished(skipped: Bool)
        /// The user must leave: its place in the schedule is gone, the load ended, or the run stops.
        case stopped
    }

    /// What the user carries from step to step.
    private struct UserState {
        let transfer: CurlTransfer
        var random: RandomSource
        var renderer: RequestRenderer
        /// The user's captured values: rendered into its requests, filled from its responses, kept across iterations.
        var variables: UserVariables
        var timeline: StageSchedule
        var timelineVersion: Int
        /// When the next request is due for the loop's user lag: the previous response, when no wait came between.
        var dueMicros: Int64?
        /// Whether the user's last request failed: an `await:` after a failed write has nothing to wait for.
        var lastFailed = false
    }

    func run() async {
        let flowIndex = flows.assignment.flowIndex(forUser: index)
        let flow = flows.flows[flowIndex]
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(settings: setup.settings, cookies: flow.cookies, receiveBuffer: .small)
        } catch {
            setup.reportProblem(error)
            return
        }
        control.userStarted()
        defer { control.userEnded() }
        var state = UserState(
            transfer: transfer, random: RandomSource(seed: setup.seed, purpose: .closedUser, stream: UInt64(index)),
            renderer: RequestRenderer(plans: setup.plans, sources: setup.sources, variableNames: setup.variableNames),
            variables: UserVariables(count: setup.variableNames.count),
            timeline: setup.schedule.current, timelineVersion: setup.schedule.version)
        guard mayGoOn(&state) else { return }
        if case .finished = await runPass(flow.onStart, state: &state, farewell: false) {
            while mayGoOn(&state) {
                let startMicros = setup.clock.nowMicros()
                guard case .finished(let skipped) = await runPass(flow.steps, state: &state, farewell: false) else { break }
                loop.recordIteration(flow: flowIndex, startMicros: startMicros, endMicros: setup.clock.nowMicros(), skipped: skipped)
            }
        }
        if control.runsOnStop { _ = await runPass(flow.onStop, state: &state, farewell: true) }
    }

    /// Runs `steps` once. `farewell` steps (`on_stop`) are sent whatever the schedule says, and only waits are cut short.
    private func runPass(_ steps: [FlowStep], state: inout UserState, farewell: Bool) async -> PassEnd {
        var pass = FlowPass(steps: steps)
        while let step = pass.next() {
            switch step {
            case .think(let think):
                let delay = think.delayMicros(requestStartMicros: 0, requestEndMicros: 0, random: &state.random)
                guard delay > 0 else { continue }
                // The run's end cancels the user's task, which ends the wait at once: an iteration (not `on_stop`)
                // whose wait was cut is not complete, so it is not timed.
                guard !Task.isCancelled else {
                    if farewell { continue }
                    return .stopped
                }
                state.dueMicros = nil
                do { try await Task.sleep(for: .microseconds(delay)) } catch { if !farewell { return .stopped } }
            case .request(let requestIndex):
                guard farewell || mayGoOn(&state) && control.takeRequest() else { return .stopped }
                let refusal: RequestFailure?
                do {
                    refusal = try state.renderer.configure(
                        state.transfer, requestIndex: requestIndex, user: index, random: &state.random,
                        variables: state.variables)
                } catch {
                    // A `unique` source has no row left: send nothing more; the stage ends once every user has left.
                    control.sourceExhausted(error.source)
                    return .stopped
                }
                guard let startMicros = startInstant(farewell: farewell) else { return .stopped }
                guard case .completed(let outcome) = await loop.perform(
                    state.transfer, requestIndex: requestIndex, refusal: refusal, dueMicros: farewell ? nil : state.dueMicros,
                    farewell: farewell, startMicros: startMicros
                ) else { return .stopped }
                state.transfer.fitReceiveBuffer()
                state.dueMicros = state.transfer.completedMicros
                state.variables.take(from: state.transfer)
                state.lastFailed = outcome.failure != nil
                pass.requestEnded(failure: outcome.failure?.category)
            case .await(let probe):
                guard !state.lastFailed else { continue }
                guard await runProbe(probe, state: &state, farewell: farewell) else { return .stopped }
            }
        }
        return .finished(skipped: pass.skipped)
    }

    /// Polls `probe`'s read until it sees the write that the user's previous response ended, or `within` has passed since
    /// that response: a poll at most every `every` (from one poll's start to the next's), and never before the previous
    /// poll answered. Records the probe on the loop, in the window of the write's end; false when the user must leave
    /// (the probe is then not recorded). A poll that was not sent (a variable without a value) ends the probe unrecorded.
    private func runProbe(_ probe: AwaitStep, state: inout UserState, farewell: Bool) async -> Bool {
        // Before the user's first response (an await first in `on_start`), the probe starts now.
        let writeEndMicros = state.transfer.completedMicros > 0 ? state.transfer.completedMicros : setup.clock.nowMicros()
        let deadlineMicros = writeEndMicros + probe.within.micros
        var polls = 0
        var firstNode: String?
        defer { state.transfer.probeDeadlineMicros = nil }
        while true {
            guard farewell || mayGoOn(&state) && control.takeRequest() else { return false }
            let pollStartMicros = setup.clock.nowMicros()
            let refusal: RequestFailure?
            do {
                refusal = try state.renderer.configure(
                    state.transfer, requestIndex: probe.request, user: index, random: &state.random, variables: state.variables)
            } catch {
                control.sourceExhausted(error.source)
                return false
            }
            state.transfer.probeDeadlineMicros = deadlineMicros
            guard let startMicros = startInstant(farewell: farewell) else { return false }
            guard case .completed(let outcome) = await loop.perform(
                state.transfer, requestIndex: probe.request, refusal: refusal,
                dueMicros: farewell || polls > 0 ? nil : state.dueMicros, farewell: farewell, startMicros: startMicros
            ) else { return false }
            state.transfer.fitReceiveBuffer()
            state.dueMicros = state.transfer.completedMicros
            state.lastFailed = outcome.failure != nil
            guard outcome.wasSent else { return true }
            polls += 1
            if polls == 1 { firstNode = state.transfer.probeNode }
            let endMicros = state.transfer.completedMicros
            if state.transfer.probeVisible || endMicros >= deadlineMicros {
                loop.recordProbe(
                    requestIndex: probe.request, node: firstNode, writeEndMicros: writeEndMicros,
                    visibleAfterMicros: state.transfer.probeVisible ? endMicros - writeEndMicros : nil, polls: polls)
                return true
            }
            let waitMicros = pollStartMicros + probe.every.micros - setup.clock.nowMicros()
            guard waitMicros > 0 else { continue }
            guard !Task.isCancelled else { return false }
            state.dueMicros = nil
            do { try await Task.sleep(for: .microseconds(waitMicros)) } catch { return false }
        }
    }

    /// The start of a request about to go out, nil when the load ended while it was rendered (a `farewell` one is
    /// sent all the same): the instant checked is the start recorded, so no load request starts after the end.
    private func startInstant(farewell: Bool) -> Int64? {
        let now = setup.clock.nowMicros()
        return farewell || control.mayStart(atMicros: now) ? now : nil
    }

    /// Whether the user may start another step: the run goes on, the load has not ended, and the schedule (refreshed
    /// when a stage that ends by count moved it) still has a place for this user.
    private func mayGoOn(_ state: inout UserState) -> Bool {
        guard control.shouldContinue(userIndex: index), !Task.isCancelled else { return false }
        if setup.schedule.version != state.timelineVersion {
            state.timelineVersion = setup.schedule.version
            state.timeline = setup.schedule.current
        }
        let now = setup.clock.nowMicros()
        return control.mayStart(atMicros: now) && index < state.timeline.users(atMicros: now)
    }
}

/// The flows of a run and which one each user runs, shared read-only by every flow user.
struct FlowSetup: Sendable {
    let flows: [FlowSpec]
    let assignment: FlowAssignment
}
