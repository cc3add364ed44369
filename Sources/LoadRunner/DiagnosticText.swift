import LoadRunnerText

/// The one format every diagnostic is printed in, like a compiler's:
/// `file:line:col: error: path message`, then `  hint: what to do` on its own line.
enum DiagnosticText {
    static let hintPrefix = "  hint: "

    /// The diagnostic as printed, ending in a newline; a location without a file starts the message with its path.
    static func format(_ diagnostic: Diagnostic) -> String {
        var text = ""
        if let file = diagnostic.location?.file {
            text += file
            if let line = diagnostic.location?.line {
                text += ":\(line)"
                if let column = diagnostic.location?.column { text += ":\(column)" }
            }
            text += ": "
        }
        text += diagnostic.severity.rawValue + ": "
        if let path = diagnostic.location?.path, !path.isEmpty { text += path + " " }
        text += diagnostic.message + "\n"
        if let hint = diagnostic.hint { text += hintPrefix + hint + "\n" }
        return text
    }
}

extension Console {
    /// Prints `diagnostic`: errors and warnings to standard error, notes to standard output (they are the log
    /// of a run, read beside its progress lines).
    func report(_ diagnostic: Diagnostic) {
        let text = DiagnosticText.format(diagnostic)
        if diagnostic.severity == .note { writeOut(text) } else { writeError(text) }
    }
}
