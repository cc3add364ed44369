import LoadRunnerModel

/// What a stage that ends by count sent: its limit and how many it sent.
struct StageCount: Sendable, Equatable {
    var limit: Int
    var sent: Int

    /// It sent its whole count (the time limit or the run's end did not come first).
    var reached: Bool { sent >= limit }
}

/// The driver's book-keeping of stages that end by count: arms each stage's request budget when it
/// starts and records what it sent when it ends (by its count, its time limit or the run's end).
struct CountedStages {
    private(set) var counts: [Int: StageCount] = [:]
    /// The stage whose budget is armed; -1 before the first.
    private var current = -1
    private var currentLimit: Int?

    /// Called each time round the driver's loop: on a new stage, closes the last and arms the new budget.
    mutating func enter(_ slot: StageSchedule.Slot, control: UserControl) {
        guard slot.index != current else { return }
        leave(control: control)
        current = slot.index
        currentLimit = slot.stage.requestLimit
        control.setRequestLimit(slot.stage.requestLimit)
    }

    /// The current stage spent its count and its last user left.
    mutating func reached(_ slot: StageSchedule.Slot, control: UserControl) {
        guard let limit = slot.stage.requestLimit else { return }
        counts[slot.index] = StageCount(limit: limit, sent: limit)
        currentLimit = nil
    }

    /// Records the current stage's count if it ends otherwise (time limit, abort, interrupt).
    mutating func leave(control: UserControl) {
        guard let limit = currentLimit, current >= 0, counts[current] == nil else { return }
        let left = control.requestsLeft ?? limit
        counts[current] = StageCount(limit: limit, sent: limit - left)
        currentLimit = nil
    }
}
