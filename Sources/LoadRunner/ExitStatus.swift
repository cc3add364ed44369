import ArgumentParser

/// LoadRunner's exit codes: part of its interface, documented in `--help` and the README.
enum ExitStatus: Int32, CaseIterable {
    /// The run finished (or the profile is valid).
    case success = 0
    /// Bad command line or profile: nothing was sent.
    case usageOrProfileError = 64
    /// The target or this machine stopped the run: a `fetch` data source failed, too few open files, ...
    case targetOrSetupFailure = 69
    /// Something inside LoadRunner failed; please report it.
    case internalError = 70
    /// Results could not be written (the output folder is not writable, the disk is full).
    case outputFailure = 74
    /// Ctrl-C or SIGTERM stopped the run; every output was written with what was measured, marked interrupted.
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }

    var meaning: String {
        switch self {
        case .success: "success"
        case .usageOrProfileError: "bad command line or profile (nothing was sent)"
        case .targetOrSetupFailure: "target or setup failure (e.g. a data fetch failed, too few open files)"
        case .internalError: "internal error"
        case .outputFailure: "results could not be written"
        case .interrupted: "interrupted by Ctrl-C or SIGTERM (results written, marked interrupted)"
        }
    }

    /// The exit-code table shown in `--help`.
    static var helpTable: String {
        allCases.map { "  \(String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\($0.meaning)" }
            .joined(separator: "\n")
    }
}
