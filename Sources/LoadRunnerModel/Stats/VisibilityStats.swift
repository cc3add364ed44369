/// What one `await:` step's probes saw in one stage window, for one answering node: how many writes were awaited,
/// how many the first poll already saw, how many never became visible within `within`, and the time to visibility.
///
/// Time to visibility runs from the end of the previous step's response (the write's commit, as the user saw it)
/// to the end of the first poll that satisfied `until`, in microseconds. A probe belongs to the window in which that
/// previous response ended, and to the node that answered its first poll (`by:`; nil when the step has none, or the
/// first poll's response did not say).
package struct VisibilityStats: Codable, Sendable, Equatable {
    /// The name of the poll's request (the await's read).
    package var name: String
    /// The node that answered the probes' first polls; nil without `by:` (or when a response did not say).
    package var node: String?
    /// Awaited writes: probes that saw the write or ran out of time (a probe the run's end cut off is not counted).
    package var probes: UInt64 = 0
    /// Probes whose first poll already saw the write; `probes - firstPollVisible` first reads were stale.
    package var firstPollVisible: UInt64 = 0
    /// Probes that did not see the write within `within` (their last poll failed with `not_visible`).
    package var notVisible: UInt64 = 0
    /// Polls sent by these probes, the first ones included.
    package var polls: UInt64 = 0
    /// The time to visibility of each probe that saw the write, in microseconds.
    package var timeToVisibility = LatencyHistogram()

    package init(name: String, node: String?) {
        self.name = name
        self.node = node
    }

    /// Records one probe that sent `polls` polls and saw the write after `micros` (nil: not within `within`).
    package mutating func recordProbe(visibleAfterMicros micros: Int64?, polls: Int) {
        probes += 1
        self.polls += UInt64(polls)
        if let micros {
            timeToVisibility.record(micros: UInt64(max(0, micros)))
            if polls == 1 { firstPollVisible += 1 }
        } else {
            notVisible += 1
        }
    }

    /// The share of probes whose first read was stale (did not see the write), 0...1; 0 without probes.
    package var staleRate: Double { probes == 0 ? 0 : Double(probes - firstPollVisible) / Double(probes) }

    /// Adds `other`'s probes (another loop's, or another node's for a total); exact.
    package mutating func add(_ other: VisibilityStats) {
        probes += other.probes
        firstPollVisible += other.firstPollVisible
        notVisible += other.notVisible
        polls += other.polls
        timeToVisibility.add(other.timeToVisibility)
    }
}
