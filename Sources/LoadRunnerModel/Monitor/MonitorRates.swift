/// Turns two samples of a process tree into per-second figures: CPU % of one core, resident memory (RSS and
/// PSS), disk bytes per second.
///
/// Processes are matched by `ProcessKey` (pid and start time), so a reused pid is a new process.
/// Between two samples:
/// - a process in both counts its own increase;
/// - a process first seen now counts its whole usage only when it started after the earlier sample;
///   one that was already running (e.g. a tree that was not watched before) becomes the baseline;
/// - a process that is gone drops out. When its parent reaped it, its final usage shows up in the
///   parent's `reapedChildrenTicks` and io counters; only the part beyond what was last seen of it is
///   counted, and never below zero. Short-lived children that start and end between two samples are
///   counted the same way, through their parent.
package enum MonitorRates {
    /// The figures for the interval from `earlier` to `later`. `ticksPerSecond` is `sysconf(_SC_CLK_TCK)`,
    /// `pageSize` is `sysconf(_SC_PAGESIZE)` in bytes. Rates are nil when the interval is not positive.
    package static func between(
        _ earlier: TreeSampleDetail, _ later: TreeSampleDetail, ticksPerSecond: Int, pageSize: Int
    ) -> MonitorSecond {
        var second = first(later, pageSize: pageSize)
        let seconds = later.bootSeconds - earlier.bootSeconds
        guard seconds > 0, ticksPerSecond > 0 else { return second }
        let usage = IntervalUsage(earlier, later, ticksPerSecond: ticksPerSecond)
        second.cpuPercent = Double(usage.cpuTicks) / Double(ticksPerSecond) / seconds * 100
        second.readBytesPerSecond = usage.readBytes.map { Double($0) / seconds }
        second.writeBytesPerSecond = usage.writeBytes.map { Double($0) / seconds }
        return second
    }

    /// The figures of a first sample: process count and memory, no rates yet.
    package static func first(_ sample: TreeSampleDetail, pageSize: Int) -> MonitorSecond {
        let summary = sample.summary
        return MonitorSecond(
            second: sample.second, alive: true, pid: sample.rootPid, processCount: summary.processCount,
            rssBytes: summary.rssPages * UInt64(max(0, pageSize)), pssBytes: summary.pssBytes)
    }
}
