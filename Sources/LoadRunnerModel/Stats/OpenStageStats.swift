/// What an open stage's dispatch did with the arrivals due in its statistics window: the data a report of the
/// open model needs (target against achieved, missed arrivals, the connection pool), beside the histograms of
/// `StageResult.requests`. Every count is of arrivals whose intended time lies in the window, wherever they ended.
///
/// `due` = `sent` + `missed` + arrivals refused before sending (`invalid_value`); `sent` = `completed` + those
/// still unanswered when the run ended (`incomplete`).
package struct OpenStageStats: Codable, Sendable, Equatable {
    /// The stage's target rate, arrivals per second, at its start and at its planned end (equal unless a ramp).
    package var targetStartPerSecond: Double
    package var targetEndPerSecond: Double
    /// Arrivals whose intended time fell in the window (and before the load's end).
    package var due: UInt64
    /// Arrivals handed to libcurl (on an idle connection, or one newly opened).
    package var sent: UInt64
    /// Sent arrivals that ended with an outcome (an answer or a transport failure such as a timeout).
    package var completed: UInt64
    /// Arrivals never sent: still waiting for a connection `max_lag` after their time, or when the load ended.
    package var missed: UInt64
    /// The most requests in flight at once, over every loop, when one of the window's arrivals went out.
    package var peakInFlight: UInt64
    /// New connections libcurl opened for the window's arrivals.
    package var connectionsOpened: UInt64
    /// The profile's `max_connections`.
    package var maxConnections: Int
    /// True when an arrival of the window found every connection of its loop's share of `max_connections` busy
    /// and had to wait: the target could not keep up (the result stays valid and says so). A wait while the pool
    /// was below the cap but growing at its paced rate (`ConnectionBudget`) does not set it.
    package var reachedMaxConnections: Bool
    /// Arrivals of the window that found no idle connection while their loop's pool was below its cap and its
    /// `ConnectionBudget` refused to open one (the pool growing at its paced rate); nil in files written before it
    /// was counted.
    package var waitedForPoolGrowth: UInt64?

    package init(
        targetStartPerSecond: Double, targetEndPerSecond: Double, due: UInt64 = 0, sent: UInt64 = 0,
        completed: UInt64 = 0, missed: UInt64 = 0, peakInFlight: UInt64 = 0, connectionsOpened: UInt64 = 0,
        maxConnections: Int, reachedMaxConnections: Bool = false, waitedForPoolGrowth: UInt64? = nil
    ) {
        self.targetStartPerSecond = targetStartPerSecond
        self.targetEndPerSecond = targetEndPerSecond
        self.due = due
        self.sent = sent
        self.completed = completed
        self.missed = missed
        self.peakInFlight = peakInFlight
        self.connectionsOpened = connectionsOpened
        self.maxConnections = maxConnections
        self.reachedMaxConnections = reachedMaxConnections
        self.waitedForPoolGrowth = waitedForPoolGrowth
    }

    /// Sent arrivals per second over a window of `seconds`; 0 for an empty window.
    package func achievedRate(overSeconds seconds: Double) -> Double {
        seconds > 0 ? Double(sent) / seconds : 0
    }
}

extension StageResult {
    /// An open stage's target rate over its statistics window, arrivals per second: the stage's rate, or for a ramp
    /// from `targetStartPerSecond` at the stage's start to `targetEndPerSecond` at its end the ramp's mean over the
    /// window; nil for a closed stage.
    package var targetPerSecond: Double? {
        guard let open else { return nil }
        return OpenStageStats.meanTarget(
            from: open.targetStartPerSecond, to: open.targetEndPerSecond, stage: startSeconds...max(startSeconds, endSeconds),
            window: windowStartSeconds...max(windowStartSeconds, windowEndSeconds))
    }
}

extension OpenStageStats {
    /// The mean over `window` of a rate that goes linearly from `start` to `end` per second across `stage` (both in
    /// the same time unit): the rate at the window's middle, which a linear ramp's mean is.
    package static func meanTarget(
        from start: Double, to end: Double, stage: ClosedRange<Double>, window: ClosedRange<Double>
    ) -> Double {
        let length = stage.upperBound - stage.lowerBound
        guard length > 0, start != end else { return start }
        let middle = ((window.lowerBound + window.upperBound) / 2 - stage.lowerBound) / length
        return start + (end - start) * min(1, max(0, middle))
    }
}
