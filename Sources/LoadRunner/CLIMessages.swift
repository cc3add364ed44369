import Foundation
import LoadRunnerCommands
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerText

/// Every message the command line shows a person, in one place. Errors and warnings are `Diagnostic`s, which
/// the console prints with their prefix (`Console.report`); the rest are plain lines.
enum CLIMessages {
    static func profileProblemCount(_ count: Int, path: String) -> String {
        "\(count) problem\(count == 1 ? "" : "s") in \(path); nothing was sent"
    }

    /// `--loops` outside 1...`EngineOptions.maxLoops` (ArgumentParser prints it as a usage error).
    static func loopsOutOfRange(_ loops: Int) -> String {
        "--loops must be between 1 and \(EngineOptions.maxLoops), got \(loops)"
    }

    static func seedOutOfRange(_ seed: UInt64) -> String {
        "--seed must be between 0 and \(ProfileLimits.maxSeed) (2^53-1), got \(seed)"
    }

    /// `--loops`'s help, the same for `run` and `ab`.
    static let loopsHelp = "curl event-loop threads (default: one per \(EngineOptions.usersPerLoop) users or per "
        + "\(Int(EngineOptions.arrivalsPerSecondPerLoop)) arrivals/s of open stages but not more than the cores it may use, at most \(EngineOptions.maxLoops))."

    static func profileValid(_ profile: Profile) -> String {
        let seconds = profile.stages.map { Double($0.duration.micros) / 1_000_000 }.reduce(0, +)
        let peak = profile.stages.map(\.users).max() ?? 0
        // The profile keeps the counted requests' sum within ProfileLimits.maxRequests: this cannot overflow.
        let counted = profile.stages.compactMap(\.requestLimit).reduce(0, +)
        let length = counted > 0
            ? "\(counted) requests in counted stages, at most \(formatDuration(seconds))" : formatDuration(seconds)
        return "\(profile.sourcePath): valid: \(profile.stages.count) stage\(profile.stages.count == 1 ? "" : "s"), "
            + "\(profile.requests.count) request\(profile.requests.count == 1 ? "" : "s"), \(load(profile, peakUsers: peak)), "
            + "\(length) against \(profile.target)"
    }

    /// The commands a profile runs, one line each, so a reader sees what running it would execute.
    static func commandsOf(_ profile: Profile) -> [String] {
        guard profile.runsCommands else { return [] }
        return ["this profile runs commands (run it with --no-actions to refuse that):"]
            + profile.actions.map { "  action \($0.when)\($0.required ? ", required" : ""): \($0.command)" }
            + profile.commandMonitors.map { "  monitor \"\($0.name)\" every \(formatDuration(Double($0.interval.micros) / 1_000_000)): \($0.command)" }
            + profile.commandChecks.map { "  check \($0.comparison.rawValue) \($0.expected.source): \($0.command)" }
    }

    static func profileRunsCommands(_ profile: Profile) -> Diagnostic {
        .error("\(profile.sourcePath) runs commands (\(profile.actions.count) actions, \(profile.commandChecks.count) checks, "
            + "\(profile.commandMonitors.count) command monitors) and --no-actions refuses that; nothing was sent",
            hint: "read the profile (`LoadRunner validate` lists its commands) and run it without --no-actions if you trust it")
    }

    static func requiredActionsFailed(_ actions: [ActionResult]) -> Diagnostic {
        let names = actions.map { "\"\($0.name)\" (\($0.run?.outcome ?? $0.skippedBecause ?? "did not run"))" }
        return .error("required action\(actions.count == 1 ? "" : "s") failed: \(names.joined(separator: ", ")) "
            + "(exit \(ExitStatus.requiredActionFailed.rawValue))")
    }

    static func checksFailed(_ count: Int, of total: Int) -> Diagnostic {
        .error("\(count) of \(total) check\(total == 1 ? "" : "s") failed (exit \(ExitStatus.checksFailed.rawValue))")
    }

    static func starting(_ profile: Profile, outputFolder: String) -> String {
        "running \"\(profile.name)\" against \(profile.target): \(profile.stages.count) stages; results in \(outputFolder)"
    }

    /// The first stop signal: what is being stopped (the commands' process groups got SIGTERM), and what comes next.
    static func stopping(signal: Int32, commands: [RunningCommand]) -> String {
        let name = [SIGINT: "Ctrl-C", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
        let ending = commands.map { "\($0.role) (pid \($0.pid))" }
        let commandsPart = ending.isEmpty ? "" : "ending " + ending.joined(separator: ", ") + " (SIGTERM now, SIGKILL in 2s); "
        return "stopping (\(name)): \(commandsPart)giving requests in flight up to 2 s to finish (the rest count as "
            + "incomplete) and writing results "
            + "(a second Ctrl-C quits at once, keeping a minimal result.json)"
    }

    static let quitting = "quitting: every command killed; writing a minimal result.json (no measurements) and exiting"

    static func engineFailed(_ error: EngineError) -> Diagnostic { .error(error.text) }

    static func cannotCreateOutput(_ folder: String, reason: String) -> Diagnostic {
        .error("cannot write results to \(folder): \(reason)", hint: "choose another folder with --out")
    }

    static func cannotWriteResults(_ folder: String, reason: String, savedTo fallback: String?) -> Diagnostic {
        .error("the run finished but its results could not be written to \(folder): \(reason); "
            + (fallback.map { "they were saved in \($0) instead" } ?? "nor anywhere else (is the disk full?)"))
    }

    static func cannotWriteOutputs(_ folder: String, reason: String) -> Diagnostic {
        .error("cannot write to \(folder): \(reason)", hint: "choose another folder with --out")
    }

    static func cannotWriteCIFile(_ path: String, reason: String) -> Diagnostic {
        .warning("cannot write \(path): \(reason); the results themselves were written")
    }

    static func thresholdsFailed(_ count: Int) -> Diagnostic {
        .error("\(count) threshold\(count == 1 ? "" : "s") failed (exit \(ExitStatus.thresholdsFailed.rawValue))")
    }

    static func noResult(_ path: String) -> Diagnostic {
        .error("\(path) does not exist", hint: "give a run folder (with a result.json) or a result.json")
    }

    /// A result.json that could not be decoded; `reason` names the file and what is wrong.
    static func unreadableResult(_ reason: String) -> Diagnostic { .error(reason) }

    /// A `--fail-on` budget that does not parse.
    static func badBudget(_ reason: String) -> Diagnostic { .error("--fail-on: \(reason)") }

    /// A profile that could not be read at all (its problems are `ProfileProblem.diagnostic`).
    static func unreadableProfile(_ path: String, reason: String) -> Diagnostic {
        .error(reason, at: Diagnostic.Location(file: path))
    }

    /// Why two runs' stages could not be matched (`RunComparator`'s mismatches).
    static func stagesMismatch(_ message: String) -> Diagnostic { .error(message) }

    /// An error no part of LoadRunner expected reached the top of the program: exit 70.
    static func internalError(_ error: any Error) -> Diagnostic {
        .error("internal error: \(String(describing: error)) (exit \(ExitStatus.internalError.rawValue))",
               hint: "this is a bug in LoadRunner; please report it with the command line and the profile")
    }

    static func reportsRebuilt(_ folder: String) -> String {
        "reports rebuilt in \(folder == "" ? "." : folder) (open report.md or report.html)"
    }

    /// `compare` given the minimal result a second Ctrl-C leaves: there is nothing in it to compare.
    static func measurementsLost(_ path: String) -> Diagnostic {
        .error("\(path) holds no measurements (a second signal stopped that run before its results were assembled)",
               hint: "compare complete runs, or read its locust_stats_history.csv")
    }

    static let nothingInCommon = Diagnostic.error(
        "the two runs have no stage in common, so nothing was compared", hint: "compare runs of the same profile")

    static func comparisonWritten(_ folder: String) -> String {
        "comparison in \(folder) (open compare.md first)"
    }

    static func cannotAppendHistory(reason: String) -> Diagnostic {
        .warning("cannot append to \(HistoryFile.fileName): \(reason); the run goes on, and the other result files are written at its end")
    }

    static func resultsWritten(_ folder: String, interrupted: Bool) -> String {
        (interrupted ? "interrupted; partial results in " : "results in ") + folder + " (open report.md first)"
    }

    static func formatDuration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(whole % 60 == 0 ? "" : "\(whole % 60)s")" : "\(whole)s"
    }
}
