/// One process as seen at one sample, in the kernel's raw units: ticks, pages and bytes.
package struct ProcessSample: Sendable, Equatable {
    package var pid: Int32
    package var ppid: Int32
    /// Start time in ticks since boot: with `pid`, the process's identity (pids are reused).
    package var startTimeTicks: UInt64
    /// CPU time of the process itself, user + system, in ticks.
    package var cpuTicks: UInt64
    /// CPU time of its children that it has waited for (`cutime + cstime`), in ticks.
    package var reapedChildrenTicks: UInt64
    package var rssPages: UInt64
    /// Proportional set size in bytes (`/proc/<pid>/smaps_rollup`); nil when it could not be read.
    package var pssBytes: UInt64?
    /// Cumulative `read_bytes` / `write_bytes`; nil when `/proc/<pid>/io` could not be read (permission).
    package var readBytes: UInt64?
    package var writeBytes: UInt64?

    package init(
        pid: Int32, ppid: Int32, startTimeTicks: UInt64, cpuTicks: UInt64, reapedChildrenTicks: UInt64 = 0,
        rssPages: UInt64, pssBytes: UInt64? = nil, readBytes: UInt64?, writeBytes: UInt64?
    ) {
        self.pid = pid
        self.ppid = ppid
        self.startTimeTicks = startTimeTicks
        self.cpuTicks = cpuTicks
        self.reapedChildrenTicks = reapedChildrenTicks
        self.rssPages = rssPages
        self.pssBytes = pssBytes
        self.readBytes = readBytes
        self.writeBytes = writeBytes
    }

    /// A process from its stat line and, when readable, its io counters and proportional set size.
    package init(stat: ProcStat, io: ProcIO?, pssBytes: UInt64? = nil) {
        self.init(
            pid: stat.pid, ppid: stat.ppid, startTimeTicks: stat.startTimeTicks, cpuTicks: stat.cpuTicks,
            reapedChildrenTicks: stat.reapedChildrenTicks, rssPages: stat.rssPages, pssBytes: pssBytes,
            readBytes: io?.readBytes, writeBytes: io?.writeBytes)
    }

    /// Identity across samples: a reused pid with another start time is another process.
    package var key: ProcessKey { ProcessKey(pid: pid, startTimeTicks: startTimeTicks) }
}

/// A process's identity: its pid and its start time (ticks since boot).
package struct ProcessKey: Hashable, Sendable {
    package var pid: Int32
    package var startTimeTicks: UInt64

    package init(pid: Int32, startTimeTicks: UInt64) {
        self.pid = pid
        self.startTimeTicks = startTimeTicks
    }
}
