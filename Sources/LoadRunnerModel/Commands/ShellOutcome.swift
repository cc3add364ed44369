import LoadRunnerText

/// What one execution of a profile command (action, check or monitor sample) did.
package struct ShellOutcome: Codable, Sendable, Equatable {
    /// When it started and ended, in seconds since the run started.
    package var startSeconds: Double
    package var endSeconds: Double
    /// The exit status when it exited normally; nil when it was killed or could not start.
    package var exitStatus: Int?
    /// The signal that ended it (e.g. 9 after a timeout), if one did.
    package var signal: Int?
    /// True when it outlived its timeout and its process group was killed.
    package var timedOut: Bool
    /// Why it could not be started (no `/bin/sh`, too many processes, ...); nil when it started.
    package var launchError: String?
    /// Its standard output and standard error, each cut to the last `keptOutputBytes` bytes.
    package var stdout: String
    package var stderr: String

    /// How much of each output stream is kept, so that a chatty command cannot bloat result files.
    package static let keptOutputBytes = 16 * 1024

    package init(
        startSeconds: Double, endSeconds: Double, exitStatus: Int?, signal: Int?, timedOut: Bool,
        launchError: String?, stdout: String, stderr: String
    ) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.exitStatus = exitStatus
        self.signal = signal
        self.timedOut = timedOut
        self.launchError = launchError
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Exited by itself with status 0.
    package var succeeded: Bool { exitStatus == 0 && !timedOut && launchError == nil }

    /// How it ended, in words: `exit 0`, `exit 3`, `killed by signal 9`, `timed out after 120s`, `could not start: ...`.
    package var outcome: String {
        if let launchError { return "could not start: \(launchError)" }
        if timedOut { return "timed out after \(ReportNumber.trimmed(endSeconds - startSeconds, maxDecimals: 1))s" }
        if let exitStatus { return "exit \(exitStatus)" }
        if let signal { return "killed by signal \(signal)" }
        return "ended"
    }
}
