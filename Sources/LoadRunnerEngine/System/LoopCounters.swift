import Foundation
import LoadRunnerModel
import Synchronization

/// What a curl loop shares with the generator monitor: its thread's kernel id and how long it has waited
/// for sockets in total. Written by the loop, read by the monitor about once a second.
final class LoopCounters: Sendable {
    private let threadID = Atomic<Int32>(0)
    private let waited = Atomic<Int64>(0)

    /// Records the calling thread as the loop's; called once, on the loop thread as it starts.
    func recordThread() { threadID.store(Self.currentThreadID() ?? 0, ordering: .releasing) }

    /// Adds one wait of `micros` (time asleep in the loop's epoll wait).
    func addWait(micros: Int64) { waited.add(max(0, micros), ordering: .relaxed) }

    /// The loop thread's kernel id (TID); 0 before it started.
    var tid: Int32 { threadID.load(ordering: .acquiring) }

    /// Total time the loop has waited for sockets, in microseconds.
    var waitMicros: Int64 { waited.load(ordering: .relaxed) }

    /// The calling thread's kernel id, from the `/proc/thread-self` link (`PID/task/TID`); Swift's Glibc
    /// module does not offer `gettid`.
    static func currentThreadID() -> Int32? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.split(separator: "/").last.flatMap { Int32($0) }
    }

    /// CPU time (user + system) the loop's thread has used, in clock ticks; nil before it started or when
    /// `/proc/self/task/TID/stat` cannot be read.
    var cpuTicks: UInt64? {
        let tid = tid
        guard tid > 0, case .success(let text) = ProcFile.read("/proc/self/task/\(tid)/stat") else { return nil }
        return ProcStat.parse(text)?.cpuTicks
    }

    /// The loop thread's scheduler counts since it started (`/proc/self/task/TID/schedstat`): among them the time it
    /// waited runnable on a run queue (ready, but no CPU given); nil before it started or when the file cannot be read
    /// (a kernel without `CONFIG_SCHED_INFO`).
    var schedStat: ProcSchedStat? {
        let tid = tid
        guard tid > 0, case .success(let text) = ProcFile.read("/proc/self/task/\(tid)/schedstat") else { return nil }
        return ProcSchedStat.parse(text)
    }
}
