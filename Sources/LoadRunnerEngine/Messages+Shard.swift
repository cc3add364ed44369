import LoadRunnerText

extension Messages {
    /// A shard whose common start (`--start-at`) had passed by more than the bound when its load was ready.
    static func startedLate(lateMicros: Int64, boundMicros: Int64) -> Diagnostic {
        let late = ReportNumber.fixed(Double(lateMicros) / 1_000_000, decimals: 3)
        let bound = ReportNumber.fixed(Double(boundMicros) / 1_000_000, decimals: 0)
        return .warning(
            "the common start (--start-at) was \(late) s ago, more than \(bound) s: the load starts now, not on the "
                + "common timeline, and result.json records the late start; give a start further ahead (the time to "
                + "schedule every shard and load its data)")
    }

    /// Ctrl-C, SIGTERM or SIGHUP while waiting for the common start.
    static let stoppedBeforeCommonStart = "stopped while waiting for the common start (--start-at); nothing was sent"
}
