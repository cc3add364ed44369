/// Sums over a process tree at one instant, in raw kernel units (ticks, pages, bytes).
package struct TreeSample: Sendable, Equatable {
    /// When the sample was taken, in seconds since boot (the clock of `/proc/<pid>/stat`'s start times).
    package var bootSeconds: Double
    package var processCount: Int
    /// Own CPU time of the processes alive now (reaped children not included), in ticks.
    package var cpuTicks: UInt64
    package var rssPages: UInt64
    /// Proportional set size of the tree in bytes, shared pages counted once; nil when any process's was unreadable.
    package var pssBytes: UInt64?
    /// Cumulative disk bytes of the processes alive now; nil when any process's io was unreadable.
    package var readBytes: UInt64?
    package var writeBytes: UInt64?

    package init(
        bootSeconds: Double, processCount: Int, cpuTicks: UInt64, rssPages: UInt64, pssBytes: UInt64? = nil,
        readBytes: UInt64?, writeBytes: UInt64?
    ) {
        self.bootSeconds = bootSeconds
        self.processCount = processCount
        self.cpuTicks = cpuTicks
        self.rssPages = rssPages
        self.pssBytes = pssBytes
        self.readBytes = readBytes
        self.writeBytes = writeBytes
    }
}

/// A process tree at one instant, process by process: what `MonitorRates` needs to follow children
/// that come and go between two samples.
package struct TreeSampleDetail: Sendable, Equatable {
    /// The caller's label for this sample, usually the run second it closes.
    package var second: Int
    /// When the sample was taken, in seconds since boot.
    package var bootSeconds: Double
    /// The tree's root (the monitored pid).
    package var rootPid: Int32
    /// Every process of the tree, the root included, in no particular order.
    package var processes: [ProcessSample]

    package init(second: Int, bootSeconds: Double, rootPid: Int32, processes: [ProcessSample]) {
        self.second = second
        self.bootSeconds = bootSeconds
        self.rootPid = rootPid
        self.processes = processes
    }

    /// The sums over the tree.
    package var summary: TreeSample {
        let ioKnown = processes.allSatisfy { $0.readBytes != nil && $0.writeBytes != nil }
        let pssKnown = !processes.isEmpty && processes.allSatisfy { $0.pssBytes != nil }
        return TreeSample(
            bootSeconds: bootSeconds, processCount: processes.count,
            cpuTicks: processes.reduce(0) { $0 + $1.cpuTicks },
            rssPages: processes.reduce(0) { $0 + $1.rssPages },
            pssBytes: pssKnown ? processes.reduce(0) { $0 + ($1.pssBytes ?? 0) } : nil,
            readBytes: ioKnown ? processes.reduce(0) { $0 + ($1.readBytes ?? 0) } : nil,
            writeBytes: ioKnown ? processes.reduce(0) { $0 + ($1.writeBytes ?? 0) } : nil)
    }
}
