/// The fields LoadRunner uses from one `/proc/<pid>/stat` line (see proc(5)).
///
/// Times are in clock ticks (`sysconf(_SC_CLK_TCK)`, usually 100 per second), `startTimeTicks` counts
/// from boot, and `rssPages` is in pages (`sysconf(_SC_PAGESIZE)`). The values cover every thread of the process.
package struct ProcStat: Sendable, Equatable {
    package var pid: Int32
    /// The command name, up to 15 bytes; it may itself contain spaces and parentheses.
    package var comm: String
    /// One letter: R running, S sleeping, D disk sleep, Z zombie, T stopped, X dead, ...
    package var state: Character
    package var ppid: Int32
    /// CPU time spent in user and kernel mode by the process itself.
    package var userTicks: UInt64
    package var systemTicks: UInt64
    /// CPU time of the children this process has waited for (`cutime + cstime`): a reaped child's
    /// whole usage lands here when its parent collects it.
    package var reapedChildrenTicks: UInt64
    /// When the process started, in ticks since boot; with `pid` it identifies a process across pid reuse.
    package var startTimeTicks: UInt64
    package var rssPages: UInt64

    package init(
        pid: Int32, comm: String, state: Character, ppid: Int32, userTicks: UInt64, systemTicks: UInt64,
        reapedChildrenTicks: UInt64 = 0, startTimeTicks: UInt64, rssPages: UInt64
    ) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.ppid = ppid
        self.userTicks = userTicks
        self.systemTicks = systemTicks
        self.reapedChildrenTicks = reapedChildrenTicks
        self.startTimeTicks = startTimeTicks
        self.rssPages = rssPages
    }

    /// CPU time of the process itself (user + system), in ticks.
    package var cpuTicks: UInt64 { userTicks + systemTicks }

    /// A zombie (`Z`) or dead (`X`) process has exited and only waits to be reaped.
    package var hasExited: Bool { state == "Z" || state == "X" }

    /// Parses a `/proc/<pid>/stat` line; nil when it is not one.
    ///
    /// `comm` sits in parentheses and may contain spaces and `)`, so the fields after it are read
    /// from the LAST `)` of the line.
    package static func parse(_ text: String) -> ProcStat? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close,
              let pid = Int32(ProcText.trimmed(text[..<open]))
        else { return nil }
        let comm = String(text[text.index(after: open)..<close])
        // After `)`: state is field 3 of proc(5), so field n is at index n - 3.
        let fields = text[text.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count > 21, fields[0].count == 1, let state = fields[0].first,
              let ppid = Int32(fields[1]),
              let utime = UInt64(fields[11]), let stime = UInt64(fields[12]),
              let cutime = Int64(fields[13]), let cstime = Int64(fields[14]),
              let start = UInt64(fields[19]), let rss = Int64(fields[21])
        else { return nil }
        return ProcStat(
            pid: pid, comm: comm, state: state, ppid: ppid, userTicks: utime, systemTicks: stime,
            reapedChildrenTicks: UInt64(max(0, cutime)) + UInt64(max(0, cstime)),
            startTimeTicks: start, rssPages: UInt64(max(0, rss)))
    }
}
