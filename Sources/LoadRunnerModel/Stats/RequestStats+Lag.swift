extension RequestStats {
    /// A request sent more than this many microseconds after its schedule counts as a late start (10 ms: far
    /// above a timer's slack, so only a user held up by its own slow requests is late).
    package static let lateStartMicros: UInt64 = 10_000

    /// Requests sent more than `lateStartMicros` after their schedule; 0 when none had a schedule.
    package var lateStarts: UInt64 {
        guard let lag, lag.maxMicros > Self.lateStartMicros else { return 0 }
        return lag.histogram.count(within: (Self.lateStartMicros + 1)...lag.maxMicros)
    }
}
