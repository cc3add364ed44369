import ArgumentParser
import LoadRunnerText

/// An error that reached the top of the program from a command's `run()` without any part of LoadRunner
/// expecting it: a bug, printed as a diagnostic and ended with exit 70 (`ExitStatus.internalError`).
///
/// Commands end on purpose by throwing `ExitCode` (or ArgumentParser's `CleanExit` and `ValidationError`);
/// those keep their meaning and are not internal failures.
struct InternalFailure {
    var error: any Error

    /// Nil for the errors commands throw on purpose.
    init?(_ error: any Error) {
        if error is ExitCode || error is CleanExit || error is ValidationError { return nil }
        self.error = error
    }

    var diagnostic: Diagnostic { CLIMessages.internalError(error) }
}
