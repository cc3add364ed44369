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

    /// Writes to a closed pipe or a lost terminal are dropped (`DescriptorWriter`).
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        let out = DescriptorWriter(descriptor: STDOUT_FILENO)
        let error = DescriptorWriter(descriptor: STDERR_FILENO)
        return Console(
            writeOut: { text in out.write(text) },
            writeError: { text in error.write(text) },
            isTerminal: isatty(STDOUT_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb",
            environment: environment)
    }

    func line(_ text: String) { writeOut(text + "\n") }
    func error(_ text: String) { writeError(text + "\n") }
}
