import Foundation

/// Where the program talks to a person: standard output, standard error, and whether they are a terminal.
/// Passed in, never global, so tests can run commands and read what they printed.
struct Console: Sendable {
    var writeOut: @Sendable (String) -> Void
    var writeError: @Sendable (String) -> Void
    /// True when standard output is an interactive terminal (live line redrawn in place).
    var isTerminal: Bool
    /// The process environment (for `GITHUB_STEP_SUMMARY`).
    var environment: [String: String]

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        Console(
            writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            isTerminal: isatty(STDOUT_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb",
            environment: environment)
    }

    func line(_ text: String) { writeOut(text + "\n") }
    func error(_ text: String) { writeError(text + "\n") }
}
