/// One `/proc/self/task/TID/schedstat` line (three numbers, see the kernel's `Documentation/scheduler/sched-stats`):
/// the time the thread ran on a CPU, the time it waited runnable on a run queue (ready to run, no CPU given), and how
/// many times it was put on a CPU. Times are in nanoseconds since the thread started; the file exists when the
/// kernel has `CONFIG_SCHED_INFO` (every mainstream distribution's kernel).
package struct ProcSchedStat: Sendable, Equatable {
    package var runNanos: UInt64
    /// Time spent runnable but not running: what a thread loses when other threads hold the CPUs it may use.
    package var runQueueWaitNanos: UInt64
    package var timeslices: UInt64

    package init(runNanos: UInt64, runQueueWaitNanos: UInt64, timeslices: UInt64) {
        self.runNanos = runNanos
        self.runQueueWaitNanos = runQueueWaitNanos
        self.timeslices = timeslices
    }

    /// The three fields of `text`; nil unless it starts with three unsigned numbers.
    package static func parse(_ text: String) -> ProcSchedStat? {
        let fields = text.split(whereSeparator: \.isWhitespace).prefix(3).compactMap { UInt64($0) }
        guard fields.count == 3 else { return nil }
        return ProcSchedStat(runNanos: fields[0], runQueueWaitNanos: fields[1], timeslices: fields[2])
    }
}
