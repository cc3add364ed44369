/// The schedule driver as a pure state machine: given the time, the live schedule and the counts the engine
/// sees, it says what to do now (`DriverCommand`s) and when to ask again. No clock, no users, no I/O:
/// tested with tables (`RunDriverTests`).
///
/// Rules: users follow `StageSchedule.users(atMicros:)`. A stage that ends by count arms its budget when it
/// begins; once the budget is spent no one starts, and when its last user has left the stage ends there
/// (the later stages move earlier). A stage in which a `unique` data source ran out of rows (`sourceExhausted`)
/// ends the same way: no one starts, and it ends when its last user has left. When a stage's window ends, its
/// `abort_on_fail` thresholds are judged; a failure stops the load at that stage's end (the next stage, barely
/// begun, is not reported). A stop request or an abort request stops the load at once. The last stage is not
/// judged here: the run is over and the end-of-run evaluation judges it.
package struct RunDriver: Sendable {
    /// What the engine sees when it asks; read just before each step.
    package struct Input: Sendable, Equatable {
        /// Run microseconds now.
        package var nowMicros: Int64
        /// The timeline as it stands (changed only by `DriverCommand.endStage`).
        package var schedule: StageSchedule
        /// Users started and not yet left.
        package var occupiedSlots: Int
        /// Requests the current counted stage may still send; nil when no limit is in force.
        package var requestsLeft: Int?
        /// A stop (Ctrl-C, a signal) was requested.
        package var stopRequested: Bool
        /// Something outside the driver asked to end the load (a required action failed).
        package var abortRequested: Bool
        /// A request of the current stage needed a row of a `unique` source whose rows were all used.
        package var sourceExhausted: Bool

        package init(
            nowMicros: Int64, schedule: StageSchedule, occupiedSlots: Int = 0, requestsLeft: Int? = nil,
            stopRequested: Bool = false, abortRequested: Bool = false, sourceExhausted: Bool = false
        ) {
            self.nowMicros = nowMicros
            self.schedule = schedule
            self.occupiedSlots = occupiedSlots
            self.requestsLeft = requestsLeft
            self.stopRequested = stopRequested
            self.abortRequested = abortRequested
            self.sourceExhausted = sourceExhausted
        }
    }

    /// When to ask the driver again.
    package enum Wake: Sendable, Equatable {
        /// At once, with the same time (the schedule changed or a verdict is due).
        case immediately
        /// Once the clock reaches these run microseconds (read the clock again then).
        case atMicros(Int64)
        /// Never: the load is over (the last command is `stopLoad`).
        case never
    }

    /// What to do now and when to ask again.
    package struct Step: Sendable, Equatable {
        package var commands: [DriverCommand]
        package var wake: Wake
    }

    /// How often (µs) to look again within a stage that runs by time, and within one that ends by count
    /// (its budget may run out at any moment), and while a spent stage's last users finish.
    package static let timePollMicros: Int64 = 50_000
    package static let countPollMicros: Int64 = 10_000
    package static let spentPollMicros: Int64 = 5_000

    /// Whether any `abort_on_fail` threshold exists; without one no stage is judged.
    private let judgesThresholds: Bool
    /// Stages whose window end has been dealt with (judged or passed over).
    private var stagesChecked = 0
    /// The end (µs) of the stage the last step asked to judge.
    private var judgingEndMicros: Int64?
    /// The first failed `abort_on_fail` threshold, and the end of its stage.
    private var failure: (text: String, atMicros: Int64)?
    /// The stage whose request budget is armed; -1 before the first.
    private var currentStage = -1
    private var currentLimit: Int?
    /// For each stage that ends by count and started: its count, as sent.
    package private(set) var stageCounts: [Int: StageCount] = [:]
    /// Set once `stopLoad` was given.
    package private(set) var isFinished = false

    package init(judgesThresholds: Bool) {
        self.judgesThresholds = judgesThresholds
    }

    /// The verdict on the stage the last step asked to judge (`DriverCommand.judgeThresholds`): `failure`
    /// says which threshold failed and where, nil when none did. The next step then stops the load at the
    /// end of that stage.
    package mutating func judged(failure text: String?) {
        guard failure == nil, let text, let end = judgingEndMicros else { return }
        failure = (text, end)
    }

    /// What to do at `input.nowMicros`.
    package mutating func step(_ input: Input) -> Step {
        guard !isFinished else { return Step(commands: [], wake: .never) }
        let now = input.nowMicros
        let schedule = input.schedule
        if let failure {
            return finish(atMicros: min(now, failure.atMicros), reason: .thresholdFailed(failure.text), input: input)
        }
        if now >= schedule.totalMicros || input.stopRequested {
            let reason: DriverStopReason = now >= schedule.totalMicros ? .scheduleEnded : .stopRequested
            return finish(atMicros: min(now, schedule.totalMicros), reason: reason, input: input)
        }
        while stagesChecked < schedule.slots.count && now >= schedule.slots[stagesChecked].endMicros {
            stagesChecked += 1
            if judgesThresholds {
                judgingEndMicros = schedule.slots[stagesChecked - 1].endMicros
                return Step(commands: [.judgeThresholds(stage: stagesChecked - 1)], wake: .immediately)
            }
        }
        if input.abortRequested { return finish(atMicros: now, reason: .abortRequested, input: input) }
        guard let slot = schedule.slot(atMicros: now) else {
            return finish(atMicros: min(now, schedule.totalMicros), reason: .scheduleEnded, input: input)
        }
        var commands: [DriverCommand] = []
        var requestsLeft = input.requestsLeft
        // An open stage's count is in its plan (it lasts as long as its N arrivals take): users have no budget to spend.
        let limit = slot.stage.isOpen ? nil : slot.stage.requestLimit
        // The flag read with this step belongs to the stage before when this one begins now (the engine clears it
        // for the new stage with `setRequestLimit`).
        let exhausted = input.sourceExhausted && slot.index == currentStage
        if slot.index != currentStage {
            leaveStage(requestsLeft: input.requestsLeft)
            currentStage = slot.index
            currentLimit = limit
            commands.append(.setRequestLimit(limit))
            requestsLeft = limit
        }
        let users = schedule.users(atMicros: now)
        commands.append(.setTargetUsers(users))
        let spent = limit != nil && requestsLeft == 0
        if spent || exhausted {
            // Spent, or out of rows: start no one; once the last user has left, the stage is over.
            guard input.occupiedSlots == 0 else { return Step(commands: commands, wake: .atMicros(now + Self.spentPollMicros)) }
            leaveStage(requestsLeft: requestsLeft)
            commands.append(.endStage(slot.index, atMicros: now))
            return Step(commands: commands, wake: .immediately)
        }
        commands.append(.startUsers(upTo: users))
        let poll = limit == nil ? Self.timePollMicros : Self.countPollMicros
        let wake = min(schedule.nextChange(afterMicros: now) ?? schedule.totalMicros, now + poll)
        return Step(commands: commands, wake: .atMicros(wake))
    }

    /// Records the current counted stage's count, closes it and stops the load.
    private mutating func finish(atMicros end: Int64, reason: DriverStopReason, input: Input) -> Step {
        leaveStage(requestsLeft: input.requestsLeft)
        isFinished = true
        return Step(commands: [.stopLoad(atMicros: end, reason: reason)], wake: .never)
    }

    /// Records the current counted stage's count as sent when it ends: by its count, its time limit, a source out of
    /// rows, an abort, a stop or the run's end.
    private mutating func leaveStage(requestsLeft: Int?) {
        guard let limit = currentLimit, currentStage >= 0, stageCounts[currentStage] == nil else { return }
        stageCounts[currentStage] = StageCount(limit: limit, sent: limit - (requestsLeft ?? limit))
        currentLimit = nil
    }
}
