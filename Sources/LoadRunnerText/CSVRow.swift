import Foundation

/// One CSV line built from fields, quoted as RFC 4180 asks (and as Python's `csv` module does by default).
///
/// A field is quoted only when it contains a comma, a double quote, CR or LF; quotes inside are doubled.
/// Lines end with `\n` (the writers add it), which every CSV reader accepts.
package enum CSVRow {
    /// The fields joined with commas, each quoted when needed; no line ending.
    package static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",")
    }

    /// One field, quoted when it needs to be.
    package static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
