import Foundation

/// Scalars in the YAML `kube` prints: double-quoted strings (JSON's escapes, which YAML shares) and literal blocks.
enum YAMLText {
    /// `text` as a double-quoted scalar.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// `text` as a literal block (`|`, each line under `indent`) when it keeps its bytes that way: one final newline,
    /// no carriage return, tab or other control character, a first line that does not begin with a space (it would set
    /// the block's indentation); else double-quoted.
    static func block(_ text: String, indent: String) -> String {
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        let plain = text.hasSuffix("\n") && !text.hasSuffix("\n\n")
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }
            && !(lines.first?.hasPrefix(" ") ?? true)
        guard plain else { return quoted(text) }
        return "|\n" + lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }
}
