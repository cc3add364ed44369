import Foundation
import ArgumentParser

/// The `LoadRunner` program: subcommands as nested types.
@main
struct LoadRunnerCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "LoadRunner",
        abstract: "Staged HTTP load tests with exact per-stage latency statistics.",
        discussion: """
            Runs a YAML load profile (staged virtual users over libcurl), drops each stage's warm-up, and writes per-stage p50/p95/p99 latency, throughput and errors as JSON, CSV (also in Locust's format), Markdown, HTML and SVG charts; compares two runs with noise-aware verdicts.

            Exit codes:
            \(ExitStatus.helpTable)
            """,
        version: version,
        subcommands: [
            RunCommand.self, CompareCommand.self, AbCommand.self, ReportCommand.self, ValidateCommand.self, MergeCommand.self,
            KubeCommand.self,
        ]
    )

    static func main() async {
        // Before any other thread exists, so every thread inherits it: a parent that blocked Ctrl-C
        // and SIGTERM (some process launchers do) must not make LoadRunner deaf to them.
        SignalTrap.unblockStopSignals()
        // A reader that goes away (`run ... | head -1`) must not kill the run: writes to it fail with EPIPE
        // instead, and the console drops them.
        signal(SIGPIPE, SIG_IGN)
        // ArgumentParser's own `main`, except that an error no command expected is a bug: it is printed as a
        // diagnostic and ends with exit 70 (`InternalFailure`) rather than ArgumentParser's exit 1.
        do {
            var command = try await asyncParseAsRoot(nil)
            do {
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch {
                guard let failure = InternalFailure(error) else { throw error }
                Console.standard().report(failure.diagnostic)
                Foundation.exit(ExitStatus.internalError.rawValue)
            }
        } catch {
            exit(withError: error)
        }
    }
}
