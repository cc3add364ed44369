/// Helpers that write JSON text by hand, so the server's hot path needs neither Foundation nor
/// `Codable`.
enum JSONText {
    /// Returns `text` as a quoted JSON string literal, escaping quotes, backslashes and control
    /// characters; other characters are kept as UTF-8.
    static func quoted(_ text: some StringProtocol) -> String {
        // Most text (names, ids) needs no escaping: skip the per-scalar loop for it.
        let needsEscaping = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscaping else { return "\"\(text)\"" }
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }

    /// Returns a JSON object whose members appear in the given order; values must already be JSON.
    static func object(_ members: KeyValuePairs<String, String>) -> String {
        "{" + members.map { quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// Returns a JSON array of already-encoded elements.
    static func array(_ elements: some Sequence<String>) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
