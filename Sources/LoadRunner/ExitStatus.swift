import ArgumentParser

/// LoadRunner's exit codes: part of its interface, documented in `--help` and the README.
enum ExitStatus: Int32, CaseIterable {
    /// The run finished and its thresholds held (or the profile is valid, or nothing regressed).
    case success = 0
    /// `compare`, `ab`: a budgeted metric got worse beyond its budget, and credibly so.
    case regression = 2
    /// Bad command line or profile: nothing was sent.
    case usageOrProfileError = 64
    /// `run`: bad sharding options (`--shard`, `--shards` and `JOB_COMPLETION_INDEX`, `--start-at`), or a profile
    /// that cannot be split (actions not at a time, checks): nothing was sent.
    case shardRefused = 65
    /// `merge`: the shard results are not one complete, clean set (another profile, seed, shard count or start, a
    /// missing or repeated index, an interrupted shard); nothing was written.
    case mergeRefused = 66
    /// The target or this machine stopped the run: a `fetch` data source failed, too few open files, ...
    case targetOrSetupFailure = 69
    /// Something inside LoadRunner failed: an error no part of it expected reached the top (`InternalFailure`);
    /// please report it.
    case internalError = 70
    /// Results could not be written (the output folder is not writable, the disk is full).
    case outputFailure = 74
    /// `run`: not one request of any stage window succeeded (the target is down, the port is wrong) and the
    /// profile has no thresholds to decide.
    case noSuccessfulRequest = 96
    /// `run`: an action marked `required: true` failed (or never ran); its load was stopped early.
    case requiredActionFailed = 97
    /// `run`: a check's command output did not match its expectation (or the command failed).
    case checksFailed = 98
    /// `run`: a threshold failed on a stage window (also when `abort_on_fail` stopped the run early).
    case thresholdsFailed = 99
    /// Ctrl-C, SIGTERM or SIGHUP stopped the run; every output was written with what was measured, marked
    /// interrupted (after a second signal, a minimal `result.json` only; nothing is written when it came while
    /// `fetch` sources were loading: nothing was measured or sent).
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }

    var meaning: String {
        switch self {
        case .success: "success"
        case .regression: "compare, ab: a regression beyond budget"
        case .requiredActionFailed: "run: a required action failed"
        case .checksFailed: "run: a check failed"
        case .thresholdsFailed: "run: a threshold failed"
        case .usageOrProfileError: "bad command line or profile (nothing was sent)"
        case .shardRefused: "run: bad --shard/--shards/--start-at, or a profile a shard cannot run (nothing was sent); kube: such a profile"
        case .mergeRefused: "merge: the shard results do not form one complete set (nothing was written)"
        case .targetOrSetupFailure: "target or setup failure (e.g. a data fetch failed, too few open files)"
        case .internalError: "internal error: a bug in LoadRunner (please report it)"
        case .outputFailure: "results could not be written (--out, --junit: checked first)"
        case .noSuccessfulRequest: "run: no request succeeded (target down?) and no thresholds decide"
        case .interrupted: "interrupted by Ctrl-C, SIGTERM or SIGHUP (what was measured is written)"
        }
    }

    /// The exit-code table shown in `--help`.
    static var helpTable: String {
        allCases.map { "  \(String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\($0.meaning)" }
            .joined(separator: "\n")
    }
}
