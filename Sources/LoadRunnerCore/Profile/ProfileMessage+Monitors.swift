/// Messages about `monitors:`.
extension ProfileMessage {
    static let expectMonitors = "a list of processes to watch, e.g. `- { name: primary, pid_file: data/postmaster.pid }`"
    static let expectMonitor = "a map like `{ name: primary, pid_file: data/postmaster.pid }` or `{ name: service, pid: 12345 }`"
    static let expectMonitorName = "a name for the process, e.g. `primary`"
    static let exampleMonitorName = "`name: primary`"
    static let expectPid = "a process id such as 12345"
    static let expectPidFile = "the path of a file whose first line is the pid, e.g. `data/postmaster.pid`"

    static let monitorTargetMissing =
        "needs `pid` or `pid_file`; add one, e.g. `pid_file: data/postmaster.pid` or `pid: 12345`"
    static let monitorTargetAmbiguous = "is given together with `pid`; keep one of `pid` and `pid_file`"

    static func pidNotPositive(_ pid: Int) -> String { "\(pid) is not a process id; write a positive pid such as 12345" }

    static func duplicateMonitorName(_ name: String, firstIndex: Int) -> String {
        "\"\(name)\" is already the name of monitors[\(firstIndex)]; give each monitor its own name"
    }
}
