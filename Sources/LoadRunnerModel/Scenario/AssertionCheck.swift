import LoadRunnerText

/// Judges one assertion on a response: returns nil when it holds, else the reason to append to its text ("" for none).
enum AssertionCheck {
    /// The left-hand side read from the response.
    private enum Actual {
        case number(Double)
        case text(String)
        case null
        case missing(String)
    }

    static func failure(of assertion: AssertionSpec, on response: ResponseView, expected: String, bodyText: inout String?) -> String? {
        let actual = read(assertion.subject, from: response, bodyText: &bodyText)
        let holds = compare(actual, assertion.comparison, assertion.expected, rendered: expected)
        if holds { return nil }
        switch (assertion.subject, actual) {
        case (.status, _): return "got \(response.status)"
        case (_, .missing(let reason)): return reason
        case (.json, .null) where assertion.expected != .null: return "got null"
        default: return ""
        }
    }

    private static func read(_ subject: AssertionSpec.Subject, from response: ResponseView, bodyText: inout String?) -> Actual {
        switch subject {
        case .status: return .number(Double(response.status))
        case .size: return .number(Double(response.bodyBytes))
        case .latency: return .number(Double(response.latencyMicros))
        case .header(let name): return response.header(name).map(Actual.text) ?? .missing("no such header")
        case .body:
            if bodyText == nil { bodyText = response.bodyText }
            return .text(bodyText ?? "")
        case .json(let path):
            switch JSONPathReader.value(at: path, in: response.body) {
            case .success(.length(let count)): return .number(Double(count))
            case .success(.null): return .null
            case .success(.number(let text)): return Double(text).map(Actual.number) ?? .text(text)
            case .success(let value): return .text(value.text ?? "")
            case .failure(.notFound): return .missing("not found")
            case .failure(.notJSON): return .missing("body is not JSON")
            }
        }
    }

    private static func compare(_ actual: Actual, _ comparison: AssertionSpec.Operator, _ operand: AssertionSpec.Operand,
                                rendered: String) -> Bool {
        if case .null = operand {
            let isNull: Bool
            switch actual {
            case .null: isNull = true
            case .missing(let reason): isNull = reason != "body is not JSON"
            default: isNull = false
            }
            return comparison == .notEqual ? !isNull : isNull
        }
        let actualText: String
        let actualNumber: Double?
        switch actual {
        case .number(let value):
            actualNumber = value
            actualText = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .text(let text):
            actualNumber = Double(text)
            actualText = text
        case .null, .missing:
            return false
        }
        switch operand {
        case .null:
            return false
        case .range(let range):
            guard let actualNumber else { return false }
            let inside = Double(range.lowerBound) <= actualNumber && actualNumber <= Double(range.upperBound)
            return comparison == .notEqual ? !inside : inside
        case .number(let number):
            guard let actualNumber else { return false }
            return order(actualNumber, comparison, number, text: actualText, expectedText: String(number))
        case .text(_):
            switch comparison {
            case .contains: return actualText.contains(rendered)
            case .matches: return (try? Regex(rendered)).flatMap { try? $0.firstMatch(in: actualText) } != nil
            default:
                if let actualNumber, let expectedNumber = Double(rendered.trimmingWhitespace()) {
                    return order(actualNumber, comparison, expectedNumber, text: actualText, expectedText: rendered)
                }
                return order(actualText, comparison, rendered)
            }
        }
    }

    private static func order(_ actual: Double, _ comparison: AssertionSpec.Operator, _ expected: Double, text: String,
                              expectedText: String) -> Bool {
        switch comparison {
        case .equal, .within: actual == expected
        case .notEqual: actual != expected
        case .less: actual < expected
        case .lessOrEqual: actual <= expected
        case .greater: actual > expected
        case .greaterOrEqual: actual >= expected
        case .contains: text.contains(expectedText)
        case .matches: false
        }
    }

    private static func order(_ actual: String, _ comparison: AssertionSpec.Operator, _ expected: String) -> Bool {
        switch comparison {
        case .equal, .within: actual == expected
        case .notEqual: actual != expected
        case .less: actual < expected
        case .lessOrEqual: actual <= expected
        case .greater: actual > expected
        case .greaterOrEqual: actual >= expected
        case .contains: actual.contains(expected)
        case .matches: false
        }
    }
}
