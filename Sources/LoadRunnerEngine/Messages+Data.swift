import LoadRunnerProfile
import LoadRunnerText

/// The engine's messages about loading data sources (fetching, reading CSV files and JSON arrays).
/// JSON messages continue "data.NAME: URL answered invalid JSON at byte N: ".
extension Messages {
    // MARK: Fetching

    static func fetchFailed(_ source: String, url: String, reason: String) -> String {
        "data.\(source): fetching \(url) failed (\(reason)); is the service up and the path right?"
    }

    static func fetchStatus(_ source: String, url: String, status: Int) -> String {
        "data.\(source): fetching \(url) answered HTTP \(status); the source needs a 2xx answer with a JSON array"
    }

    static func fetchTooLarge(_ source: String, url: String, limit: Int, seen: Int, announced: Bool) -> String {
        let size = ByteSize.describe(seen)
        return "data.\(source): \(url) sent more than \(ByteSize.describe(limit)) (\(announced ? "announced \(size)" : "\(size) so far")); "
            + "raise max_bytes on the source if the list is meant to be this big"
    }

    /// A `unique` source (`when_exhausted: end_stage`) used every row, so its stage ended early.
    static func sourceRanOut(_ source: String, rows: UInt64, stage: Int) -> Diagnostic {
        .note("data.\(source) (pick: unique) used all its \(rows) rows, so stage \(stage) ended once the responses in "
            + "flight were in; a later stage ends at its first request that needs a row (`when_exhausted: wrap` starts over)")
    }

    static func csvWithoutRows(_ source: String, path: String) -> String {
        "data.\(source): \(path) has a header but no rows; add at least one row"
    }

    static func csvUnreadable(_ source: String, path: String, reason: String) -> String {
        "data.\(source): cannot read \(path): \(reason)"
    }

    /// Where a value with a line break sits in a data source, for `headerDataHasLineBreak`.
    static func valuesItem(_ index: Int) -> String { "item \(index + 1)" }

    static func csvPlace(path: String, line: Int?, column: String?) -> String {
        path + (line.map { " line \($0)" } ?? "") + (column.map { ", column \"\($0)\"" } ?? "")
    }

    static func unknownSource(_ name: String) -> String { "template references unknown data source \"\(name)\"" }

    static func fetchedColumnMissing(_ name: String, column: String) -> String {
        "data.\(name) has no column \"\(column)\" (the fetched objects lack that key); check the template {{ \(name).\(column) }}"
    }

    static func fetchInterrupted(_ source: String) -> String {
        "interrupted while fetching data.\(source); nothing was sent"
    }

    static func invalidJSON(_ source: String, url: String, _ error: JSONArrayError) -> String {
        "data.\(source): \(url) answered invalid JSON at byte \(error.offset): \(error.message); it must return a JSON array"
    }

    // MARK: JSON arrays

    static let jsonEmptyBody = "the body is empty"
    static func jsonNotArray(found: String) -> String { "it starts with \(found), not \"[\"" }
    static let jsonEmptyArray = "the array is empty; the source needs at least one value"
    static let jsonTextAfterArray = "there is more text after the closing \"]\""
    static let jsonEndedEarly = "the body ends in the middle of the array"
    static let jsonUnterminatedString = "a string is not closed before the end of the body"

    static func jsonNotObject(element: Int, found: String) -> String {
        "element \(element) starts with \(found), but the array started with objects; every element must be an object"
    }

    static func jsonExpectedCommaOrEnd(element: Int, found: String) -> String {
        "expected \",\" or \"]\" after element \(element), found \(found)"
    }

    static func jsonExpectedKey(element: Int, found: String) -> String {
        "expected a quoted key in object \(element), found \(found)"
    }

    static func jsonExpectedColon(key: String, found: String) -> String { "expected \":\" after key \"\(key)\", found \(found)" }

    static func jsonExpectedCommaOrBrace(element: Int, found: String) -> String {
        "expected \",\" or \"}\" in object \(element), found \(found)"
    }

    static func jsonExpectedValue(found: String) -> String { "expected a value, found \(found)" }
    static func jsonExpectedNestedKey(found: String) -> String { "expected a quoted key, found \(found)" }
    static func jsonExpectedNestedColon(found: String) -> String { "expected \":\" after a key, found \(found)" }

    static func jsonExpectedSeparator(close: Character, found: String) -> String {
        "expected \",\" or \"\(close)\", found \(found)"
    }

    static func jsonTooDeep(_ depth: Int) -> String { "values are nested deeper than \(depth) levels" }
    static func jsonBadNumber(found: String) -> String { "a number needs a digit here, found \(found)" }
    static func jsonControlInString(_ byte: String) -> String { "a string contains \(byte), which must be escaped" }
    static func jsonBadEscape(_ byte: String) -> String { "a backslash followed by \(byte) is not a JSON escape" }
    static func jsonBadUnicodeEscape(_ byte: String) -> String { "a \\u escape needs four hex digits, found \(byte)" }

    static func jsonLoneSurrogate(_ code: UInt32) -> String {
        "\\u\(String(code, radix: 16, uppercase: true)) is half of a surrogate pair without its other half"
    }
}
