import LoadRunnerText

/// Every user-facing message about profiles, in one place.
///
/// A message continues the key path it is reported at, so it starts with a verb or a quoted value:
/// `stages[2].duration` + `"5" has no unit; write "5s" or "500ms"`. It says what is wrong and, after the
/// first `; `, what to do: the console prints that part as the diagnostic's hint (`ProfileProblem.diagnostic`).
/// Keys are in backticks, values the user wrote in double quotes.
enum ProfileMessage {
    // MARK: Structure

    static func wrongType(expected: String, found: YAMLValue.Kind) -> String {
        found == .empty ? "is empty; write \(expected)" : "must be \(expected), not \(found)"
    }

    static func profileNotMap(found: YAMLValue.Kind) -> String {
        "the profile must be \(expectProfile), not \(found)"
    }

    static let keyNotText = "has a key that is a list or a map; keys must be plain names"

    static func unknownKey(_ key: String, known: [String]) -> String {
        if let suggestion = DidYouMean.suggestion(for: key, among: known) {
            return "is not a known key; did you mean `\(suggestion)`?"
        }
        return "is not a known key; use one of: \(known.joined(separator: ", "))"
    }

    static func missingKey(example: String) -> String { "is missing; add it, e.g. \(example)" }

    // MARK: Scalars

    static func notWholeNumber(_ text: String) -> String { "\"\(text)\" is not a whole number; write e.g. 1 or 10" }

    static func notANumber(_ text: String, expected: String) -> String {
        "\"\(text)\" is not a number; write \(expected)"
    }

    static func notABool(_ text: String) -> String { "\"\(text)\" is not true or false; write true or false" }

    static func durationWithoutUnit(_ text: String) -> String { "\"\(text)\" has no unit; write \"\(text)s\" or \"500ms\"" }

    static func notADuration(_ text: String) -> String {
        "\"\(text)\" is not a duration; write a number with a unit (ms, s, m or h), e.g. \"10s\", \"1m30s\" or \"1.5s\""
    }

    static func durationNotPositive(_ text: String) -> String { "\"\(text)\" must be more than zero" }

    // MARK: Templates

    static func template(_ failure: TemplateParser.Failure, in text: String) -> String {
        switch failure {
        case .unclosed(let offset):
            "\"\(text)\" has \"{{\" at character \(offset + 1) with no closing \"}}\"; close it"
        case .emptyReference:
            "\"\(text)\" has an empty \"{{ }}\"; write {{ source }} or {{ source.column }}"
        case .invalidReference(let inside, _):
            "\"\(text)\" has \"{{ \(inside) }}\", which is not {{ source }} or {{ source.column }}; "
                + "source names use letters, digits, _ and -"
        }
    }

    /// A reference as it would be written, for quoting in messages.
    static func reference(source: String, column: String?) -> String {
        column.map { "{{ \(source).\($0) }}" } ?? "{{ \(source) }}"
    }

    static func unknownSource(_ written: String, source: String, suggestion: String?, declared: [String]) -> String {
        let head = "uses `\(written)` but there is no data source `\(source)`; "
        if let suggestion { return head + "did you mean `\(suggestion)`?" }
        let known = declared.isEmpty ? "none are declared" : "declared: \(declared.joined(separator: ", "))"
        return head + "declare it under `data:` (\(known))"
    }

    static func unknownColumn(_ written: String, column: String, csvPath: String, columns: [String],
                              suggestion: String?) -> String {
        let head = "uses `\(written)` but \(csvPath) has no column `\(column)` (columns: \(columns.joined(separator: ", ")))"
        return suggestion.map { head + "; did you mean `\($0)`?" } ?? head + "; use one of them"
    }

    static func columnNeeded(_ written: String, source: String, csvPath: String, columns: [String]) -> String {
        "uses `\(written)` but \(csvPath) has \(columns.count) columns (\(columns.joined(separator: ", "))); "
            + "name one, e.g. `{{ \(source).\(columns[0]) }}`"
    }

    static func columnNotAllowed(_ written: String, source: String) -> String {
        "uses `\(written)` but `\(source)` is a range or values source, which has no columns; write `{{ \(source) }}`"
    }

    // MARK: Headers

    static func invalidHeaderName(_ name: String) -> String {
        "is not a valid header name; use letters, digits and -, e.g. `X-Request-Id`"
    }

    static func duplicateHeader(_ name: String, earlier: String) -> String {
        "repeats header `\(earlier)` (header names ignore case); keep one"
    }

    // MARK: Data sources

    static func invalidSourceName(_ name: String) -> String {
        "is not a usable source name; use letters, digits, _ and -, starting with a letter (it is written as {{ name }})"
    }

    static let sourceKindMissing = "has no source; add one of `fetch`, `csv`, `range` or `values`"

    static func sourceKindAmbiguous(_ keys: [String]) -> String { "has \(list(keys)); keep exactly one" }

    static func fetchPathInvalid(_ path: String) -> String {
        "\"\(path)\" must be a path on the target: starting with \"/\" and without spaces, e.g. \"/user/get-ids?number=1000\""
    }

    static func csvUnusable(_ error: CSVTableError) -> String { "cannot be used: \(error)" }

    static func csvHasNoRows(_ path: String) -> String { "file \(path) has a header but no rows; add at least one row" }

    static func rangeNeedsTwo(_ count: Int) -> String {
        "has \(count) number\(count == 1 ? "" : "s"); write two, [low, high], e.g. [1, 1000000]"
    }

    static func rangeReversed(low: Int, high: Int) -> String {
        "starts at \(low), above its end \(high); write [\(high), \(low)]"
    }

    static let valuesEmpty = "is an empty list; add at least one value"

    // MARK: Requests

    static let requestsEmpty = "is an empty list; add at least one request, e.g. `- { name: home, path: / }`"

    static func duplicateRequestName(_ name: String, firstIndex: Int) -> String {
        "\"\(name)\" is already the name of requests[\(firstIndex)]; request names are the statistics keys and must be unique"
    }

    static func invalidMethod(_ text: String) -> String {
        "\"\(text)\" is not an HTTP method; write e.g. GET, POST, PUT or DELETE"
    }

    static func pathNotAbsolute(_ text: String) -> String {
        "\"\(text)\" must start with \"/\"; it is appended to the target (the host belongs in `target`)"
    }

    static func pathHasSpace(_ text: String) -> String {
        "\"\(text)\" contains a space; write %20 (values from {{ }} are URL-encoded for you)"
    }

    static let emptyParameterName = "has a parameter with no name; name it or remove it"

    static func weightTooSmall(_ weight: Int) -> String { "is \(weight); it must be 1 or more (a relative share of the mix)" }

    static let expectEmpty = "is an empty list; list at least one status code, or remove `expect` for the default 200-399"

    static func invalidStatus(_ text: String) -> String {
        "\"\(text)\" is not a status code or range; write e.g. 200, \"200-299\" or [200, 404]"
    }

    static func statusOutOfRange(_ text: String) -> String { "\"\(text)\" is outside 100-599, the HTTP status codes" }

    static func statusRangeReversed(_ text: String) -> String {
        let parts = text.split(separator: "-").map { String($0).trimmingWhitespace() }
        return "\"\(text)\" starts above its end; write \"\(parts.reversed().joined(separator: "-"))\""
    }

    // MARK: Schedule

    static func thinkTimeNeedsOne(_ keys: [String]) -> String {
        keys.isEmpty ? "is an empty map; write \(expectThinkTime)" : "has \(list(keys)); keep exactly one"
    }

    static func betweenNeedsTwo(_ count: Int) -> String {
        "has \(count) duration\(count == 1 ? "" : "s"); write two, [min, max], e.g. [1s, 3s]"
    }

    static func betweenReversed(low: String, high: String) -> String {
        "starts at \"\(low)\", above its end \"\(high)\"; write [\(high), \(low)]"
    }

    static let stagesEmpty = "is an empty list; add at least one stage, e.g. `- { users: 10, duration: 1m }`"

    static func warmupTooLong(warmup: String, duration: String) -> String {
        "\"\(warmup)\" is not shorter than the stage's duration \"\(duration)\"; shorten the warm-up or lengthen the stage"
    }

    static func usersNegative(_ users: Int) -> String { "is \(users); it must be 0 or more (0 stops every user)" }

    static func spawnRateNotPositive(_ text: String) -> String {
        "\"\(text)\" must be more than 0 (users started or stopped per second)"
    }

    /// "`a` and `b`", "`a`, `b` and `c`".
    private static func list(_ keys: [String]) -> String {
        let quoted = keys.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}
