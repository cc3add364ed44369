/// One thing LoadRunner tells a person: how serious it is, where it is, what happened and what to do.
///
/// Every layer makes these from the texts in its messages file; only the command line's console prints them
/// (`DiagnosticText`), so every error, warning and note reads the same way:
/// `profile.yaml:14:7: error: stages[2].duration "5" has no unit` with the hint on its own line.
package struct Diagnostic: Sendable, Equatable {
    /// How serious: an error stops what was asked, a warning does not, a note is for the log.
    package enum Severity: String, Sendable, Equatable {
        case error
        case warning
        case note
    }

    /// Where the diagnostic points: a file with an optional 1-based line and column, and an optional path
    /// inside it (a profile key path such as `stages[2].rate`, or an option such as `--out`).
    package struct Location: Sendable, Equatable {
        package var file: String?
        package var line: Int?
        package var column: Int?
        /// The key path or option the message continues (the message's first words follow it).
        package var path: String?

        package init(file: String? = nil, line: Int? = nil, column: Int? = nil, path: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.path = path
        }
    }

    package var severity: Severity
    package var location: Location?
    /// What happened, as a sentence without a final full stop.
    package var message: String
    /// What to do about it; printed on its own line.
    package var hint: String?

    package init(_ severity: Severity, at location: Location? = nil, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    package static func error(_ message: String, at location: Location? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    package static func warning(_ message: String, at location: Location? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    package static func note(_ message: String, at location: Location? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.note, at: location, message, hint: hint)
    }
}
