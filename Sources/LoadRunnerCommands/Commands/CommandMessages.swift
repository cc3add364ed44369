import Foundation
import LoadRunnerText

/// Every message about a profile's commands (actions, checks, command monitors) that a person sees.
enum CommandMessages {}

/// Messages about running commands and command monitors.
extension CommandMessages {
    /// `launchError` of a command whose shell could not be started; `reason` is an `errno` value.
    static func commandSpawnFailed(_ shell: String, reason: Int32) -> String {
        "cannot run \(shell): \(String(cString: strerror(reason)))"
    }

    /// `launchError` of a command whose output files could not be created; `reason` is an `errno` value.
    static func commandOutputFileFailed(reason: Int32) -> String {
        "cannot create a temporary file for its output: \(String(cString: strerror(reason)))"
    }

    /// A command monitor's sample problem for a run that is still going when the next one is due.
    static let commandMonitorStillRunning = "still running from the previous sample"

    /// A command monitor's sample problem for a command that exited with `status`; `stderrLine` may be empty.
    static func commandMonitorExit(_ status: Int, stderrLine: String) -> String {
        stderrLine.isEmpty ? "exit \(status)" : "exit \(status): \(stderrLine)"
    }

    /// Told once per run when a command monitor's command was still running when its next sample was due.
    static func commandMonitorSlow(_ name: String, atSeconds: Double, intervalSeconds: Double) -> String {
        "command monitor `\(name)` was still running its previous sample when the one at "
            + "\(ReportNumber.trimmed(atSeconds, maxDecimals: 1))s was due: its command takes longer than its "
            + "interval of \(ReportNumber.trimmed(intervalSeconds, maxDecimals: 3))s, "
            + "so some samples are missing; a longer interval avoids that"
    }

    /// Told once when a command monitor stops giving values, and again only after it gave one.
    static func commandMonitorProblem(_ name: String, problem: String, atSeconds: Double) -> String {
        "command monitor `\(name)` has no value at \(ReportNumber.trimmed(atSeconds, maxDecimals: 1))s: \(problem); "
            + "the run goes on and records its samples as missing until it gives a number again"
    }
}
