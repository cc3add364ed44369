import LoadRunnerModel

/// One simulated client: picks a request by weight, sends it on its own kept-alive transfer, waits
/// its think time, and repeats until the schedule or the run says stop. Runs on its curl loop's thread.
struct VirtualUser: Sendable {
    let index: Int
    let loop: CurlLoop
    let setup: UserSetup
    let control: UserControl

    func run() async {
        let transfer: CurlTransfer
        do {
            // A small receive buffer per user (memory), until a body needs the standard one (CPU).
            transfer = try CurlTransfer(settings: setup.settings, receiveBuffer: .small)
        } catch {
            setup.reportProblem(error)
            return
        }
        control.userStarted()
        defer { control.userEnded() }
        // A seeded stream of its own per user, independent of the others' (not one sequence shifted per user).
        var random = RandomSource(seed: setup.seed, purpose: .closedUser, stream: UInt64(index))
        var renderer = RequestRenderer(plans: setup.plans, sources: setup.sources, variableNames: setup.variableNames)
        // This user's captured values: rendered into its requests, filled from its responses.
        var variables = UserVariables(count: setup.variableNames.count)
        // A `pacing` user's schedule: when its next iteration is due (its first is due when it goes out).
        var pacedDueMicros: Int64?
        // When the next request is due for the loop's user lag: the previous response, when no think time follows.
        var dueMicros: Int64?
        // The timeline, refreshed only when a stage that ends by count has moved it.
        var timeline = setup.schedule.current
        var timelineVersion = setup.schedule.version
        while control.shouldContinue(userIndex: index) && !Task.isCancelled {
            if setup.schedule.version != timelineVersion {
                timelineVersion = setup.schedule.version
                timeline = setup.schedule.current
            }
            // The load's end has come, or the schedule has no place for this user now (a stage with fewer users,
            // or an open stage, has begun) while the driver, woken a little later, has not stopped it yet; or a
            // stage that ends by count has sent its last request: leave; the next stage starts users anew.
            let now = setup.clock.nowMicros()
            guard control.mayStart(atMicros: now), index < timeline.users(atMicros: now), control.takeRequest() else { return }
            let requestIndex = setup.mix.pick(using: &random)
            let refusal: RequestFailure?
            do {
                refusal = try renderer.configure(
                    transfer, requestIndex: requestIndex, user: index, random: &random, variables: variables)
            } catch {
                // A `unique` source has no row left: send nothing more; the stage ends once every user has left.
                control.sourceExhausted(error.source)
                return
            }
            // The load may have ended while the request was rendered: the instant checked is the start recorded, so
            // no request starts after the end (it would count in the series but in no stage window).
            let startMicros = setup.clock.nowMicros()
            guard control.mayStart(atMicros: startMicros) else { return }
            let scheduled = setup.pacingMicros.map { _ in pacedDueMicros ?? startMicros }
            guard case .completed = await loop.perform(
                transfer, requestIndex: requestIndex, refusal: refusal, scheduledMicros: scheduled, dueMicros: dueMicros,
                startMicros: startMicros
            ) else { return }
            transfer.fitReceiveBuffer()
            variables.take(from: transfer)
            if let pacing = setup.pacingMicros { pacedDueMicros = startMicros + pacing }
            let delay = setup.thinkTime.delayMicros(
                requestStartMicros: startMicros, requestEndMicros: setup.clock.nowMicros(), random: &random)
            dueMicros = delay > 0 ? nil : transfer.completedMicros
            if delay > 0 {
                do { try await Task.sleep(for: .microseconds(delay)) } catch { return }
            }
        }
    }
}

/// What every virtual user of a run shares, read-only.
struct UserSetup: Sendable {
    let plans: [RequestPlan]
    let sources: [SourceValues]
    let mix: RequestMix
    let thinkTime: ThinkTime
    let settings: TransferSettings
    let clock: RunClock
    /// The run's timeline: a user sends only while it has a place in it.
    let schedule: LiveSchedule
    let seed: UInt64
    /// The interval of `pacing` think time in microseconds, whose users send on a schedule; nil otherwise.
    var pacingMicros: Int64? {
        if case .pacing(let interval) = thinkTime { return interval.micros }
        return nil
    }
    /// Called when a user cannot start (e.g. libcurl out of memory); the run goes on with the others.
    let reportProblem: @Sendable (EngineError) -> Void
    /// The run's captured variables (`VariableNames`); empty when the profile captures nothing.
    var variableNames: [String] = []
}
