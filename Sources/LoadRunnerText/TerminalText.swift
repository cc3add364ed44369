/// Text a command printed, made safe to show in a terminal or a Markdown file: a profile's commands may print
/// escape sequences that clear the screen or retitle the window, and those must not reach the reader's terminal.
package enum TerminalText {
    /// `text` without control characters: C0 controls other than newline and tab (so no ESC, BEL, CR),
    /// DEL, and C1 controls (U+0080 to U+009F). What is left of an escape sequence (`[2J`) is shown as text.
    package static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isDropped) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isDropped($0) })
        return String(scalars)
    }

    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
