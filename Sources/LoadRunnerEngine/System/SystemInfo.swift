import CCurl
import Foundation
import LoadRunnerModel

/// Facts about this machine and process, for provenance and for limits checked before a run.
package enum SystemInfo {
    package static var libcurlVersion: String { String(cString: lr_curl_version()) }

    /// libcurl's version as `0xXXYYZZ` (7.88.1 is `0x075801`).
    static var libcurlVersionNumber: UInt32 { lr_curl_version_number() }

    package static var hostName: String { ProcessInfo.processInfo.hostName }

    package static var onlineCPUCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// CPUs this process may use: its affinity (e.g. under `taskset -c 0`), lowered by a cgroup v2 CPU quota
    /// (`cpu.max` of its cgroup or a parent, rounded up to whole CPUs) when one is set, as in a container.
    package static var allowedCPUCount: Int {
        let cgroup = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)).flatMap { CPUQuota.cgroupPath(procCgroup: $0) }
        let limits = (cgroup.map { CPUQuota.cgroupFolders(path: $0) } ?? []).compactMap { folder in
            try? String(contentsOfFile: folder + "/cpu.max", encoding: .utf8)
        }
        return CPUQuota.allowedCPUs(affinity: affinityCPUCount, cpuMaxTexts: limits)
    }

    /// CPUs this process may run on by its affinity alone.
    static var affinityCPUCount: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
        else { return onlineCPUCount }
        let list = line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        return countCPUs(inList: list) ?? onlineCPUCount
    }

    /// Counts the CPUs in a Linux CPU list such as `0-3,5,7-8`.
    package static func countCPUs(inList list: String) -> Int? {
        var count = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1: guard bounds[0] != nil else { return nil }; count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                count += high - low + 1
            default: return nil
            }
        }
        return count > 0 ? count : nil
    }

    package static var kernel: String {
        var name = utsname()
        uname(&name)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(name.sysname)) \(text(name.release)) \(text(name.machine))"
    }

    /// Raises the open-file limit to at least `needed` (up to the hard limit).
    /// Returns the limit now in force, which may still be below `needed`.
    package static func raiseOpenFileLimit(to needed: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return needed }
        if limit.rlim_cur >= rlim_t(needed) { return Int(limit.rlim_cur) }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(needed))
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return Int(limit.rlim_cur)
    }
}
