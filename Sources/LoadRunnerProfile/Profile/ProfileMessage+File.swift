import LoadRunnerText
import Yams

/// Messages about the profile file as a whole, the target URL and CSV files.
extension ProfileMessage {
    // MARK: File and YAML

    static let profileMissing = "does not exist; check the path"
    static let profileUnreadable = "cannot be read; check its permissions and that it is UTF-8 text"
    static let profileEmpty = "is empty; a profile needs at least `target`, `requests` and `stages` (see docs/profile.md)"

    static func yamlSyntax(_ problem: String, context: YamlError.Context?) -> String {
        let where_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
        return "invalid YAML: \(problem)\(where_); check the indentation, colons and quotes here"
    }

    static func duplicateKeys(_ keys: [String]) -> String {
        let names = keys.map { "`\($0)`" }.joined(separator: ", ")
        return "invalid YAML: key \(names) appears more than once in the same map; keep one"
    }

    // MARK: Target

    /// Where a problem with the `--target` option is reported, in place of a file name.
    static let targetOptionLocation = "--target"

    static func target(_ failure: TargetURLFailure) -> String {
        switch failure {
        case .empty: "is empty; write a URL such as http://127.0.0.1:8085"
        case .noScheme(let text): "\"\(text)\" has no scheme; write \"http://\(text)\""
        case .unsupportedScheme(let scheme): "uses \"\(scheme)\"; only http:// and https:// are supported"
        case .misspelledScheme(let text, let suggestion):
            "\"\(text)\" is not a URL LoadRunner reads; did you mean \"\(suggestion)\"?"
        case .hasQueryOrFragment:
            "must not have a query (?) or fragment (#); put query parameters in a request's `path` or `query`"
        case .hasWhitespace: "contains a space; remove it"
        case .hasUserInfo: "must not contain user info (user@); send credentials in an `Authorization` header"
        case .noHost: "has no host; write a URL such as http://127.0.0.1:8085"
        case .invalidHost(let host):
            "has an invalid host \"\(host)\"; use a name, an IPv4 address, or an IPv6 address in brackets"
        case .invalidPort(let port): "has an invalid port \"\(port)\"; use a number from 1 to 65535"
        }
    }

    // MARK: CSV files (continue `path:line: `)

    static let csvFileMissing = "file not found (csv paths are relative to the profile's folder)"
    static let csvNotUTF8 = "is not UTF-8 text; save it as UTF-8"
    static let csvEmpty = "is empty; the first line must be a header such as `first_name,last_name`"
    static let csvStrayQuote = "a field has a quote (\") inside it; quote the whole field and double the inner quote (\"\")"
    static let csvUnclosedQuote = "a quoted field starting on this line is never closed; add the closing quote"
    static let csvTextAfterQuote = "text follows a closing quote; quote the whole field and write inner quotes as \"\""

    static let csvIsFolder = "is a folder, not a CSV file; give the path of a .csv file"

    static func csvUnreadable(_ error: Error) -> String { "cannot be read: \(OutputFolder.reason(error))" }

    static func csvFieldCount(found: Int, expected: Int) -> String {
        "row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); quote fields that contain commas"
    }

    static func csvEmptyColumnName(_ position: Int) -> String { "column \(position) of the header has no name; name every column" }

    static func csvDuplicateColumn(_ name: String) -> String {
        "the header names column `\(name)` twice; column names must be unique"
    }
}
