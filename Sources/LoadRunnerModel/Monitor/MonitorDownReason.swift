/// Why a monitored process could not be sampled; `message` is the text reported for it.
package enum MonitorDownReason: Error, Sendable, Equatable {
    /// The process is gone (or never existed).
    case notRunning(pid: Int32)
    /// The process has exited and waits for its parent to reap it.
    case exited(pid: Int32)
    /// The pid file could not be read (missing: the node is stopped, or the path is wrong).
    case pidFileUnreadable(path: String, detail: String)
    /// The pid file's first line is not a pid.
    case pidFileWithoutPid(path: String)

    /// One line saying what is wrong and, where it helps, what to check.
    package var message: String {
        switch self {
        case .notRunning(let pid):
            "process \(pid) is not running"
        case .exited(let pid):
            "process \(pid) has exited"
        case .pidFileUnreadable(let path, let detail):
            "cannot read pid file \(path) (\(detail)): is the process running? (monitors in the profile)"
        case .pidFileWithoutPid(let path):
            "pid file \(path) has no pid on its first line"
        }
    }
}
