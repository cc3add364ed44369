import Foundation
import LoadRunnerModel

/// Samples one process tree from `/proc`: CPU, memory (RSS and PSS) and disk I/O summed over a root and
/// all its descendants, children that come and go included.
///
/// It has no timer: the caller calls `sample(at:)` once a second and gets one `MonitorSecond` per call.
/// A pid file is read again at every sample, so a restarted process is followed. A process that is
/// gone gives a sample with `alive == false` and a reason; nothing here throws.
package struct ProcessMonitor: Sendable {
    package let spec: MonitorSpec
    private let procRoot: String
    private let ticksPerSecond: Int
    private let pageSize: Int
    /// The last sample, the start of the next interval; an empty tree after a down sample, so that a
    /// restarted process counts from its start.
    private var previous: TreeSampleDetail?

    /// `procRoot` is where procfs is mounted.
    package init(spec: MonitorSpec, procRoot: String = "/proc") {
        self.spec = spec
        self.procRoot = procRoot
        ticksPerSecond = max(1, sysconf(Int32(_SC_CLK_TCK)))
        pageSize = max(1, sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Samples the tree now. `second` labels the result (usually the run second that just ended).
    /// The first sample has no rates: there is nothing to compare it with.
    package mutating func sample(at second: Int) -> MonitorSecond {
        sample(at: second, table: ProcessTable.read(procRoot: procRoot))
    }

    /// Samples the tree from a table already read (one scan of `/proc` serves every monitor).
    mutating func sample(at second: Int, table: ProcessTable) -> MonitorSecond {
        switch rootPid() {
        case .failure(let reason):
            return down(second: second, pid: nil, reason: reason, bootSeconds: table.bootSeconds)
        case .success(let pid):
            guard let root = table.stats[pid] else {
                return down(second: second, pid: pid, reason: .notRunning(pid: pid), bootSeconds: table.bootSeconds)
            }
            if root.hasExited {
                return down(second: second, pid: pid, reason: .exited(pid: pid), bootSeconds: table.bootSeconds)
            }
            let detail = TreeSampleDetail(
                second: second, bootSeconds: table.bootSeconds, rootPid: pid,
                processes: processes(in: ProcessTree.descendants(of: pid, parents: table.parents), table: table))
            defer { previous = detail }
            guard let previous else { return MonitorRates.first(detail, pageSize: pageSize) }
            return MonitorRates.between(previous, detail, ticksPerSecond: ticksPerSecond, pageSize: pageSize)
        }
    }

    private mutating func down(second: Int, pid: Int32?, reason: MonitorDownReason, bootSeconds: Double) -> MonitorSecond {
        previous = TreeSampleDetail(second: second, bootSeconds: bootSeconds, rootPid: pid ?? 0, processes: [])
        return .down(second: second, pid: pid, reason: reason)
    }

    /// The monitored pid: fixed, or the first line of the pid file as it is now.
    private func rootPid() -> Result<Int32, MonitorDownReason> {
        switch spec.target {
        case .pid(let pid):
            return .success(pid)
        case .pidFile(let path):
            switch ProcFile.read(path) {
            case .failure(let failure):
                return .failure(.pidFileUnreadable(path: path, detail: failure.text))
            case .success(let text):
                guard let pid = MonitorSpec.pid(fromPidFile: text) else { return .failure(.pidFileWithoutPid(path: path)) }
                return .success(pid)
            }
        }
    }

    /// The tree's processes with their io counters and PSS; a process that vanished since the scan is left
    /// out, one whose io or `smaps_rollup` we may not read keeps nil figures for them.
    private func processes(in tree: Set<Int32>, table: ProcessTable) -> [ProcessSample] {
        tree.sorted().compactMap { pid in
            guard let stat = table.stats[pid] else { return nil }
            let io: ProcIO?
            switch ProcFile.read("\(procRoot)/\(pid)/io") {
            case .success(let text): io = ProcIO.parse(text)
            case .failure(let failure) where failure.isPermission: io = nil
            case .failure: return nil
            }
            let pss = try? ProcFile.read("\(procRoot)/\(pid)/smaps_rollup").get()
            return ProcessSample(stat: stat, io: io, pssBytes: pss.flatMap(ProcSmapsRollup.pssBytes))
        }
    }
}
