/// A process tree to watch during a run: a profile's `monitors` entry.
package struct MonitorSpec: Sendable, Equatable {
    /// Where the root pid comes from.
    package enum Target: Sendable, Equatable {
        /// A fixed pid.
        case pid(Int32)
        /// A file whose first line holds the pid (PostgreSQL's `postmaster.pid`), read again at each
        /// sample so that a restarted process is followed.
        case pidFile(String)
    }

    /// The name reports use for this process tree.
    package var name: String
    package var target: Target

    package init(name: String, target: Target) {
        self.name = name
        self.target = target
    }

    /// The pid on the first line of a pid file's text; nil when that line is not a positive pid.
    package static func pid(fromPidFile text: String) -> Int32? {
        guard let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
              let pid = Int32(ProcText.trimmed(line)), pid > 0
        else { return nil }
        return pid
    }
}
