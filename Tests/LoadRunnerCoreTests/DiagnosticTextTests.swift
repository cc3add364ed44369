import Foundation
import ArgumentParser
@testable import LoadRunner
@testable import LoadRunnerProfile
import LoadRunnerText
import Synchronization
import Testing

/// The one format every diagnostic is printed in, where it goes, how a profile problem becomes one, and the
/// top-level handler that turns an unexpected error into exit 70.
@Suite("Diagnostics")
struct DiagnosticTextTests {
    struct FormatCase: Sendable, CustomStringConvertible {
        var label: String
        var diagnostic: Diagnostic
        var printed: String
        var description: String { label }
    }

    static let formats: [FormatCase] = [
        .init(label: "file, line, column, path and hint",
              diagnostic: .error(#""5" has no unit"#, at: .init(file: "p.yaml", line: 14, column: 7, path: "stages[2].duration"),
                                 hint: #"write "5s" or "500ms""#),
              printed: "p.yaml:14:7: error: stages[2].duration \"5\" has no unit\n  hint: write \"5s\" or \"500ms\"\n"),
        .init(label: "file and line, no column",
              diagnostic: .error("is missing", at: .init(file: "p.yaml", line: 3, path: "stages")),
              printed: "p.yaml:3: error: stages is missing\n"),
        .init(label: "file only",
              diagnostic: .error("no such file", at: .init(file: "/nowhere/p.yaml")),
              printed: "/nowhere/p.yaml: error: no such file\n"),
        .init(label: "file with an empty path (the whole file)",
              diagnostic: .error("the profile is empty", at: .init(file: "p.yaml", path: "")),
              printed: "p.yaml: error: the profile is empty\n"),
        .init(label: "path without a file",
              diagnostic: .error("is a file, not a folder", at: .init(path: "--out x"), hint: "choose an empty or new folder"),
              printed: "error: --out x is a file, not a folder\n  hint: choose an empty or new folder\n"),
        .init(label: "warning without location",
              diagnostic: .warning("monitor `db` found no process in second 3"),
              printed: "warning: monitor `db` found no process in second 3\n"),
        .init(label: "note with a hint",
              diagnostic: .note("action \"a\" started", hint: "see actions.csv"),
              printed: "note: action \"a\" started\n  hint: see actions.csv\n"),
    ]

    @Test(arguments: formats)
    func printsEveryDiagnosticInTheOneFormat(_ testCase: FormatCase) {
        #expect(DiagnosticText.format(testCase.diagnostic) == testCase.printed)
    }

    @Test func errorsAndWarningsGoToStandardErrorNotesToStandardOutput() {
        let written = Mutex<(out: String, error: String)>(("", ""))
        let console = Console(
            writeOut: { text in written.withLock { $0.out += text } },
            writeError: { text in written.withLock { $0.error += text } },
            isTerminal: false, environment: [:])
        console.report(.error("e", hint: "h"))
        console.report(.warning("w"))
        console.report(.note("n"))
        #expect(written.withLock { $0.error } == "error: e\n  hint: h\nwarning: w\n")
        #expect(written.withLock { $0.out } == "note: n\n")
    }

    struct SplitCase: Sendable, CustomStringConvertible {
        var message: String
        var expected: String
        var hint: String?
        var description: String { message }
    }

    static let splits: [SplitCase] = [
        .init(message: #""5" has no unit; write "5s" or "500ms""#, expected: #""5" has no unit"#, hint: #"write "5s" or "500ms""#),
        .init(message: "is not a known key; did you mean `pacing`?", expected: "is not a known key", hint: "did you mean `pacing`?"),
        // A `; ` inside a value the user wrote or inside backticks is part of the message.
        .init(message: #""a; b" is not a duration; write "10s""#, expected: #""a; b" is not a duration"#, hint: #"write "10s""#),
        .init(message: "uses `x; y` but is wrong; fix it; now", expected: "uses `x; y` but is wrong", hint: "fix it; now"),
        .init(message: "must be a map, not a list", expected: "must be a map, not a list", hint: nil),
        .init(message: "ends in a semicolon;", expected: "ends in a semicolon;", hint: nil),
    ]

    @Test(arguments: splits)
    func aProfileProblemSaysWhatToDoInItsHint(_ testCase: SplitCase) {
        let problem = ProfileProblem(file: "p.yaml", line: 2, column: 5, keyPath: "stages[0].duration", message: testCase.message)
        let diagnostic = problem.diagnostic
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == .init(file: "p.yaml", line: 2, column: 5, path: "stages[0].duration"))
        #expect(diagnostic.message == testCase.expected)
        #expect(diagnostic.hint == testCase.hint)
    }

    struct Unexpected: Error, CustomStringConvertible {
        var description: String { "the histogram lost its buckets" }
    }

    @Test func anUnexpectedErrorAtTheTopIsAnInternalErrorWithExit70() throws {
        let failure = try #require(InternalFailure(Unexpected()))
        #expect(DiagnosticText.format(failure.diagnostic)
            == "error: internal error: the histogram lost its buckets (exit 70)\n"
            + "  hint: this is a bug in LoadRunner; please report it with the command line and the profile\n")
        #expect(ExitStatus.internalError.rawValue == 70)
        // What the commands throw on purpose keeps its own exit status.
        #expect(InternalFailure(ExitStatus.thresholdsFailed.exitCode) == nil)
        #expect(InternalFailure(ValidationError("--loops must be between 1 and 8")) == nil)
        #expect(InternalFailure(CleanExit.helpRequest()) == nil)
    }
}
