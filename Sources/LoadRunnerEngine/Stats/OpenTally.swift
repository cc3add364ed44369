import LoadRunnerModel

/// What one curl loop's open-model dispatch did with the arrivals due in one stage window; folded over the loops
/// into the stage's `OpenStageStats`.
struct OpenTally: Sendable, Equatable {
    var due: UInt64 = 0
    var sent: UInt64 = 0
    var completed: UInt64 = 0
    var missed: UInt64 = 0
    /// The most requests in flight over every loop seen when one of the window's arrivals went out.
    var peakInFlight: UInt64 = 0
    var connectionsOpened: UInt64 = 0
    var reachedMaxConnections = false
    /// Arrivals that waited while the pool was below its cap, growing at its paced rate.
    var waitedForPoolGrowth: UInt64 = 0

    /// Counts how an arrival ended: `missed`, or (when it was `sent`) completed unless given up as `incomplete`.
    mutating func ended(_ outcome: RequestOutcome, sent: Bool) {
        connectionsOpened += UInt64(outcome.newConnections)
        if outcome.failure?.category == .missed { missed += 1 }
        if sent && outcome.failure?.category != .incomplete { completed += 1 }
    }

    /// Folds another loop's tally in: counts add, the peak is the highest seen (the gauge counts every loop).
    mutating func merge(_ other: OpenTally) {
        due += other.due
        sent += other.sent
        completed += other.completed
        missed += other.missed
        peakInFlight = max(peakInFlight, other.peakInFlight)
        connectionsOpened += other.connectionsOpened
        reachedMaxConnections = reachedMaxConnections || other.reachedMaxConnections
        waitedForPoolGrowth += other.waitedForPoolGrowth
    }
}
