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

extension RequestStats {
    /// Open-model arrivals never sent (`FailureCategory.missed`); 0 in a closed stage.
    package var missed: UInt64 { failuresByCategory[.missed] ?? 0 }

    /// Requests made in the window: every request counted but the open-model arrivals never sent (`missed`), which
    /// were never requests; answered, failed (refused before sending too) and unanswered ones (`incomplete`) are in.
    /// What the reports' Requests and RPS columns, `count` and `rps` count; equal to `requests` in a closed stage.
    package var requestsMade: UInt64 { requests - Swift.min(missed, requests) }

    /// Requests counted but never sent (`missed` and `invalid_value`): what `achieved_rps` leaves out.
    package var unsent: UInt64 {
        failuresByCategory.filter { !$0.key.wasSent }.values.reduce(0, +)
    }
}
