/// What one monitored process tree did over one interval (normally one second of the run).
///
/// Rates are per second over the measured interval; they are nil on the first sample (nothing to
/// compare with) and while the process is down. A monitored process that dies is data, not an error.
package struct MonitorSecond: Codable, Sendable, Equatable {
    /// The caller's label for the interval, usually the run second it closes.
    package var second: Int
    /// Whether the monitored process was running at the end of the interval.
    package var alive: Bool
    /// Why it was not, in words (see `MonitorDownReason`); nil while alive.
    package var reason: String?
    /// The tree's root; nil when a pid file gave none.
    package var pid: Int32?
    /// Processes in the tree at the end of the interval, the root included; 0 when down.
    package var processCount: Int
    /// CPU time of the whole tree in % of one core (200 = two cores busy).
    package var cpuPercent: Double?
    /// Resident memory of the whole tree at the end of the interval, in bytes: RSS summed over the processes,
    /// so memory shared by several processes of the tree counts once per process.
    package var rssBytes: UInt64?
    /// Proportional set size of the whole tree at the end of the interval, in bytes: each process's PSS
    /// (`/proc/<pid>/smaps_rollup`) summed, so shared memory counts once. Nil when any process's was unreadable,
    /// and in results written before LoadRunner measured it.
    package var pssBytes: UInt64?
    /// Bytes the tree read from and wrote to storage per second; nil when `/proc/<pid>/io` was unreadable.
    package var readBytesPerSecond: Double?
    package var writeBytesPerSecond: Double?

    package init(
        second: Int, alive: Bool, reason: String? = nil, pid: Int32?, processCount: Int, cpuPercent: Double? = nil,
        rssBytes: UInt64? = nil, pssBytes: UInt64? = nil, readBytesPerSecond: Double? = nil, writeBytesPerSecond: Double? = nil
    ) {
        self.second = second
        self.alive = alive
        self.reason = reason
        self.pid = pid
        self.processCount = processCount
        self.cpuPercent = cpuPercent
        self.rssBytes = rssBytes
        self.pssBytes = pssBytes
        self.readBytesPerSecond = readBytesPerSecond
        self.writeBytesPerSecond = writeBytesPerSecond
    }

    /// The tree's memory in bytes: PSS when measured, else RSS (results written before PSS, an unreadable
    /// `smaps_rollup`); nil when down.
    package var memoryBytes: UInt64? { pssBytes ?? rssBytes }

    /// The sample of a process that is not running.
    package static func down(second: Int, pid: Int32?, reason: MonitorDownReason) -> MonitorSecond {
        MonitorSecond(second: second, alive: false, reason: reason.message, pid: pid, processCount: 0)
    }
}
