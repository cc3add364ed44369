/// What one flow's iterations did in one stage window: how many ran to their last step, how many a failed
/// capture cut short, and how long each completed iteration took.
///
/// An iteration belongs to the window its first step started in. Its time runs from that start to the end of its
/// last step, think steps included (a trailing think step too): the time one user takes for one pass of the
/// journey. An iteration the stage's end or the run's end cut off is in neither count.
package struct FlowStats: Codable, Sendable, Equatable {
    /// The flow's `name`.
    package var name: String
    /// Iterations whose every step ran (whatever their requests' outcomes).
    package var iterationsCompleted: UInt64 = 0
    /// Iterations a step's failed `capture` ended early (their later steps were not sent).
    package var iterationsSkipped: UInt64 = 0
    /// The time of each completed iteration, think steps included, in microseconds.
    package var iterationTime = LatencyHistogram()

    package init(name: String) { self.name = name }

    /// Records one iteration that started at `startMicros` and ended at `endMicros` (run microseconds).
    package mutating func recordIteration(startMicros: Int64, endMicros: Int64, skipped: Bool) {
        if skipped {
            iterationsSkipped += 1
        } else {
            iterationsCompleted += 1
            iterationTime.record(micros: UInt64(max(0, endMicros - startMicros)))
        }
    }

    /// Adds `other`'s iterations (another loop's, the same flow); exact.
    package mutating func add(_ other: FlowStats) {
        iterationsCompleted += other.iterationsCompleted
        iterationsSkipped += other.iterationsSkipped
        iterationTime.add(other.iterationTime)
    }
}
