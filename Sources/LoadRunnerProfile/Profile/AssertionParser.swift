import LoadRunnerModel
import LoadRunnerText

/// Splits an `assert:` entry into subject, operator and right-hand side: `<subject> <operator> <value>`.
///
/// Subjects: `status`, `size`, `latency`, `body`, `header:<Name>`, `json:<path>`. Operators: `==`, `!=`, `<`, `<=`,
/// `>`, `>=`, `contains`, `matches`, and `in` (status only, with a range such as `200-299`). The value is the rest
/// of the text; surrounding double quotes are removed (nothing inside is unescaped, so `"id=\d+"` stays a regex).
/// What the value means (number, size, duration, template) is the decoder's business.
package enum AssertionParser {
    /// An assertion split into its parts.
    package struct Parts: Sendable, Equatable {
        package var subject: AssertionSpec.Subject
        package var comparison: AssertionSpec.Operator
        /// The right-hand side, quotes removed.
        package var operand: String
        /// Whether the right-hand side was in double quotes (then `null` is text).
        package var quoted: Bool
    }

    /// Why a text is not an assertion.
    package enum Failure: Error, Sendable, Equatable {
        case incomplete
        case unknownSubject(String)
        case badPath(String, JSONPathFailure)
        case unknownOperator(String)
        /// The operator does not apply to the subject; carries the operators that do.
        case operatorNotFor(subject: String, allowed: [AssertionSpec.Operator])
    }

    package static func parse(_ text: String) -> Result<Parts, Failure> {
        let trimmed = text.trimmingWhitespace()
        let words = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count == 3 else { return .failure(.incomplete) }
        let subjectText = String(words[0])
        let subject: AssertionSpec.Subject
        switch subjectText {
        case "status": subject = .status
        case "size": subject = .size
        case "latency": subject = .latency
        case "body": subject = .body
        case _ where subjectText.hasPrefix("header:") && subjectText.count > 7:
            subject = .header(String(subjectText.dropFirst(7)))
        case _ where subjectText.hasPrefix("json:"):
            switch JSONPathParser.parse(String(subjectText.dropFirst(5))) {
            case .success(let path): subject = .json(path)
            case .failure(let failure): return .failure(.badPath(String(subjectText.dropFirst(5)), failure))
            }
        default:
            return .failure(.unknownSubject(subjectText))
        }
        guard let comparison = AssertionSpec.Operator(rawValue: String(words[1])) else {
            return .failure(.unknownOperator(String(words[1])))
        }
        let allowed = allowedOperators(subject)
        guard allowed.contains(comparison) else {
            return .failure(.operatorNotFor(subject: subjectName(subject), allowed: allowed))
        }
        var operand = String(words[2]).trimmingWhitespace()
        let quoted = operand.count >= 2 && operand.hasPrefix("\"") && operand.hasSuffix("\"")
        if quoted { operand = String(operand.dropFirst().dropLast()) }
        return .success(Parts(subject: subject, comparison: comparison, operand: operand, quoted: quoted))
    }

    /// The operators each subject takes.
    package static func allowedOperators(_ subject: AssertionSpec.Subject) -> [AssertionSpec.Operator] {
        switch subject {
        case .status: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .within]
        case .size, .latency: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        case .body, .header: [.equal, .notEqual, .contains, .matches]
        case .json: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .contains, .matches]
        }
    }

    /// The subject as messages name it (`header:`, `json:`).
    package static func subjectName(_ subject: AssertionSpec.Subject) -> String {
        switch subject {
        case .status: "status"
        case .size: "size"
        case .latency: "latency"
        case .body: "body"
        case .header: "header:"
        case .json: "json:"
        }
    }
}
