/// One thing the `RunDriver` asks the engine to do now; the engine carries the commands out in order.
package enum DriverCommand: Sendable, Equatable {
    /// A new stage began: arm its request budget (`nil`: no limit in force).
    case setRequestLimit(Int?)
    /// Users with an index at or above `users` finish their current request and leave.
    case setTargetUsers(Int)
    /// Start a user in every free slot below `users`.
    case startUsers(upTo: Int)
    /// A stage that ends by count spent its count (or a `unique` data source ran out of rows) and its last user
    /// left: end it at `atMicros` (the schedule then moves the later stages earlier).
    case endStage(Int, atMicros: Int64)
    /// Stage `index`'s statistics window just ended: judge its `abort_on_fail` thresholds and tell the
    /// driver the verdict (`RunDriver.judged(stage:failure:)`) before the next step.
    case judgeThresholds(stage: Int)
    /// The load is over: end every transfer and let the users leave; the run ends at `atMicros`.
    case stopLoad(atMicros: Int64, reason: DriverStopReason)
}

/// Why the driver stopped the load.
package enum DriverStopReason: Sendable, Equatable {
    /// The schedule ran to its end.
    case scheduleEnded
    /// A stop was requested (Ctrl-C, a signal) before the end.
    case stopRequested
    /// An `abort_on_fail` threshold failed at the end of a stage window; the text says which and where.
    case thresholdFailed(String)
    /// Something outside the driver asked to end the load (a required action failed).
    case abortRequested
}
