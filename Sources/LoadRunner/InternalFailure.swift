import ArgumentParser
import LoadRunnerText

/// An error that reached the top of the program from a command's `run()` without any part of LoadRunner
/// expecting it: a bug, printed as a diagnostic and ended with exit 70 (`ExitStatus.internalError`).
///
/// Commands end on purpose by throwing `ExitCode`; ArgumentParser's own errors (`CleanExit`, `ValidationError`,
/// and the internal ones its built-in `help` command throws) keep their meaning too. Neither is an internal failure.
struct InternalFailure {
    var error: any Error

    /// Nil for the errors commands and ArgumentParser throw on purpose.
    init?(_ error: any Error) {
        if error is ExitCode || error is CleanExit || error is ValidationError || Self.isArgumentParsers(error) { return nil }
        self.error = error
    }

    /// True for an error type of ArgumentParser's own, public or not (its `help` command throws an internal one).
    static func isArgumentParsers(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    var diagnostic: Diagnostic { CLIMessages.internalError(error) }
}
