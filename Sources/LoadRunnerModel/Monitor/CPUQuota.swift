/// Parsing of the Linux files that limit how many CPUs a process may use besides its affinity: the
/// cgroup v2 `cpu.max` quota of its cgroup (found through `/proc/self/cgroup`) and of every cgroup above it.
package enum CPUQuota {
    /// The cgroup v2 path of a `/proc/PID/cgroup` text (its `0::PATH` line), e.g. `/user.slice/run.scope`;
    /// nil when there is none (cgroup v1 only).
    package static func cgroupPath(procCgroup text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("0::") {
            let path = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            return path.hasPrefix("/") ? path : nil
        }
        return nil
    }

    /// The folders under `root` (normally `/sys/fs/cgroup`) whose `cpu.max` limit a process in cgroup `path`:
    /// its own and every parent's, up to `root` itself, leaf first.
    package static func cgroupFolders(path: String, root: String = "/sys/fs/cgroup") -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var folders: [String] = []
        while true {
            folders.append(parts.isEmpty ? root : root + "/" + parts.joined(separator: "/"))
            if parts.isEmpty { return folders }
            parts.removeLast()
        }
    }

    /// The whole CPUs a `cpu.max` text (`QUOTA PERIOD`, in microseconds) allows, rounded up: `150000 100000`
    /// is 2; nil for `max` (no quota) or text that is not a quota.
    package static func cpus(cpuMax text: String) -> Int? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard fields.count >= 1, fields[0] != "max", let quota = Int64(fields[0]), quota > 0 else { return nil }
        let period = fields.count >= 2 ? Int64(fields[1]) : 100_000
        guard let period, period > 0 else { return nil }
        return Int((quota + period - 1) / period)
    }

    /// The CPUs a process may use: its affinity count, lowered by the smallest quota among `cpuMaxTexts`
    /// (the `cpu.max` of its cgroup and its parents; unreadable ones left out).
    package static func allowedCPUs(affinity: Int, cpuMaxTexts: [String]) -> Int {
        let quotas = cpuMaxTexts.compactMap { cpus(cpuMax: $0) }
        return max(1, min(affinity, quotas.min() ?? affinity))
    }
}
