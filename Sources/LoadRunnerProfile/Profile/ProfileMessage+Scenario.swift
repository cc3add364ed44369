import LoadRunnerModel

/// Messages about what a request takes from and checks on its response: `capture:`, captured variables,
/// `assert:` and `max_body`.
extension ProfileMessage {
    static let expectCapture = "a map of variable names to sources, e.g. `{ id: \"json:$.id\", loc: \"header:Location\" }`"
    static let expectCaptureSource = "a source such as \"json:$.id\", \"header:Location\" or \"regex:id=(\\d+)\""
    static let expectAssertions = "a list of assertions, e.g. `[ \"status == 201\", \"json:$.id == {{ id }}\" ]`"
    static let expectAssertion = "an assertion such as \"status == 201\" or \"body contains alice\""
    static let expectMaxBody = "a size such as `1MiB`, `64kB` or a number of bytes"
    static let assertionExamples = "\"status == 201\", \"status in 200-299\", \"header:Content-Type contains json\", "
        + "\"json:$.items.length >= 1\", \"size <= 10kB\" or \"latency < 200ms\""

    static func captureNameInvalid(_ name: String) -> String {
        "\"\(name)\" is not a variable name; use letters, digits, _ and -, starting with a letter or _"
    }

    static func captureNameIsSource(_ name: String) -> String {
        "captures `\(name)`, which is also a data source under `data:`; rename one of them, since `{{ \(name) }}` must mean one thing"
    }

    static func captureSourceUnknown(_ text: String) -> String {
        "\"\(text)\" is not a capture source; write \"json:$.path\", \"header:Name\" or \"regex:pattern\""
    }

    static func badJSONPath(_ path: String, _ failure: JSONPathFailure) -> String {
        let reason = switch failure {
        case .noRoot: "does not start with `$`"
        case .emptyMember: "has an empty member name"
        case .unclosedBracket: "has `[` with no `]`"
        case .lengthNotLast: "has steps after `length`, which must come last"
        case .unsupported(let step): "has \"\(step)\", which the supported subset lacks"
        }
        return "\"\(path)\" \(reason); JSONPath here is `$` followed by `.name`, `[\"name\"]`, `[0]` (negative counts "
            + "from the end) and a last `.length`, e.g. \"$.items[0].id\" or \"$.items.length\""
    }

    static func badRegex(_ pattern: String) -> String {
        "\"\(pattern)\" is not a valid regular expression; check brackets and escapes (write `\\\\d` in a double-quoted YAML string)"
    }

    static func captureWithOpenStages(_ name: String) -> String {
        "captures `\(name)`, but the profile has open stages (`rate:`), which have no virtual users to keep variables; "
            + "remove `capture:` or use closed stages (`users:`)"
    }

    static func variableHasNoColumn(_ written: String, variable: String) -> String {
        "uses `\(written)` but `\(variable)` is a captured variable, which has no columns; write `{{ \(variable) }}`"
    }

    /// An unknown `{{ name }}` in a profile that captures variables: names both kinds.
    static func unknownSourceOrVariable(_ written: String, source: String, suggestion: String?, declared: [String],
                                        captured: [String]) -> String {
        let head = "uses `\(written)` but there is no data source or captured variable `\(source)`; "
        if let suggestion { return head + "did you mean `\(suggestion)`?" }
        let sources = declared.isEmpty ? "none" : declared.joined(separator: ", ")
        return head + "declare it under `data:` or capture it (data sources: \(sources); captured: \(captured.joined(separator: ", ")))"
    }

    static func assertionInvalid(_ text: String, _ failure: AssertionParser.Failure) -> String {
        let reason = switch failure {
        case .incomplete: "is not `<subject> <operator> <value>`"
        case .unknownSubject(let subject):
            "starts with \"\(subject)\", which is not status, size, latency, body, header:<Name> or json:<path>"
        case .badPath(let path, let pathFailure): "has a bad path: " + badJSONPath(path, pathFailure)
        case .unknownOperator(let word): "has \"\(word)\", which is not ==, !=, <, <=, >, >=, contains, matches or in"
        case .operatorNotFor(let subject, let allowed):
            "uses an operator that \(subject) does not take (it takes \(allowed.map(\.rawValue).joined(separator: ", ")))"
        }
        return "\"\(text)\" \(reason); write e.g. " + assertionExamples
    }

    static func assertionValueInvalid(_ text: String, subject: String, expected: String) -> String {
        "\"\(text)\": the value after the operator is not \(expected) for `\(subject)`; write e.g. \"status in 200-299\", "
            + "\"size <= 10kB\" or \"latency < 200ms\""
    }

    static func maxBodyUnreadable(_ written: String) -> String {
        "\"\(written)\" is not a size; write a number of bytes or a number with kB, MB (1000s) or KiB, MiB (1024s), e.g. \"1MiB\""
    }

    static func maxBodyOutOfRange(_ written: String) -> String {
        "\"\(written)\" is outside 1 byte to \(ByteSize.describe(RequestSpec.largestMaxBodyBytes)); kept bodies live in memory, one per user"
    }
}
