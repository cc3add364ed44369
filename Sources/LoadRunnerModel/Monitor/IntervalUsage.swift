/// CPU ticks and disk bytes a process tree used between two samples; the arithmetic behind `MonitorRates`.
struct IntervalUsage: Equatable {
    var cpuTicks: UInt64 = 0
    /// Nil when some process of the later sample has unreadable io counters.
    var readBytes: UInt64? = 0
    var writeBytes: UInt64? = 0

    /// Last-seen usage of the processes gone since the earlier sample, summed per parent (which may
    /// have reaped them, and then carries their final usage).
    private struct Gone {
        var ticks: UInt64 = 0
        var readBytes: UInt64 = 0
        var writeBytes: UInt64 = 0
    }

    init(_ earlier: TreeSampleDetail, _ later: TreeSampleDetail, ticksPerSecond: Int) {
        let before = Dictionary(earlier.processes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let gone = Self.goneByParent(earlier, later)
        // A process that started after this many ticks since boot was born inside the interval.
        let intervalStartTicks = earlier.bootSeconds * Double(ticksPerSecond)
        for process in later.processes {
            if let previous = before[process.key] {
                let reaped = gone[process.key] ?? Gone()
                cpuTicks += Self.excess(process.cpuTicks, over: previous.cpuTicks)
                cpuTicks += Self.excess(
                    Self.excess(process.reapedChildrenTicks, over: previous.reapedChildrenTicks), over: reaped.ticks)
                // Unknown before (unreadable then): count nothing rather than everything since it started.
                addIO(
                    process, readBefore: previous.readBytes ?? process.readBytes ?? 0,
                    writeBefore: previous.writeBytes ?? process.writeBytes ?? 0, reaped: reaped)
            } else if Double(process.startTimeTicks) >= intervalStartTicks {
                cpuTicks += process.cpuTicks + process.reapedChildrenTicks
                addIO(process, readBefore: 0, writeBefore: 0, reaped: Gone())
            } else {
                // Running before the interval but not seen then: this sample is its baseline.
                addIO(
                    process, readBefore: process.readBytes ?? 0, writeBefore: process.writeBytes ?? 0,
                    reaped: Gone())
            }
        }
    }

    /// Adds a process's io increase; one process with unreadable io makes the tree's figures unknown.
    private mutating func addIO(_ process: ProcessSample, readBefore: UInt64, writeBefore: UInt64, reaped: Gone) {
        guard let read = process.readBytes, let write = process.writeBytes else {
            readBytes = nil
            writeBytes = nil
            return
        }
        readBytes = readBytes.map { $0 + Self.excess(Self.excess(read, over: readBefore), over: reaped.readBytes) }
        writeBytes = writeBytes.map { $0 + Self.excess(Self.excess(write, over: writeBefore), over: reaped.writeBytes) }
    }

    /// Processes of `earlier` missing from `later`, summed per parent key (as of `earlier`).
    private static func goneByParent(_ earlier: TreeSampleDetail, _ later: TreeSampleDetail) -> [ProcessKey: Gone] {
        let now = Set(later.processes.map(\.key))
        let byPid = Dictionary(earlier.processes.map { ($0.pid, $0) }, uniquingKeysWith: { first, _ in first })
        var gone: [ProcessKey: Gone] = [:]
        for process in earlier.processes where !now.contains(process.key) {
            guard let parent = byPid[process.ppid] else { continue }
            gone[parent.key, default: Gone()].ticks += process.cpuTicks + process.reapedChildrenTicks
            gone[parent.key, default: Gone()].readBytes += process.readBytes ?? 0
            gone[parent.key, default: Gone()].writeBytes += process.writeBytes ?? 0
        }
        return gone
    }

    /// `value - base`, or 0 when the counter went backwards.
    private static func excess(_ value: UInt64, over base: UInt64) -> UInt64 { value > base ? value - base : 0 }
}
