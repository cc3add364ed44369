import Foundation
import LoadRunnerModel

/// Every process on the machine at one instant, from `/proc/<pid>/stat`: read once per sample and
/// shared by all monitors, since finding a tree needs every process's parent.
struct ProcessTable: Sendable {
    /// When the scan started, in seconds since boot: the clock of the stat files' start times.
    var bootSeconds: Double
    var stats: [Int32: ProcStat]

    /// Each process's parent, for `ProcessTree.descendants`.
    var parents: [Int32: Int32] { stats.mapValues(\.ppid) }

    /// Scans `procRoot` (normally `/proc`). Processes that vanish during the scan are left out.
    static func read(procRoot: String = "/proc") -> ProcessTable {
        // Taken before the scan: a process the scan misses started after this instant, so the next
        // interval counts it from its start.
        let now = bootSeconds()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        var stats: [Int32: ProcStat] = [:]
        for name in names {
            guard let pid = Int32(name), pid > 0,
                  case .success(let text) = ProcFile.read("\(procRoot)/\(name)/stat"),
                  let stat = ProcStat.parse(text)
            else { continue }
            stats[pid] = stat
        }
        return ProcessTable(bootSeconds: now, stats: stats)
    }

    /// Seconds since boot, suspend included (`CLOCK_BOOTTIME`, as process start times are).
    static func bootSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_BOOTTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
