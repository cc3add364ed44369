/// One `assert:` entry of a request: a subject of the response, an operator and an expected value
/// (`status in 200-299`, `json:$.id == {{ id }}`, `latency < 200ms`). Judged only when `expect` passed.
package struct AssertionSpec: Sendable, Equatable {
    /// What part of the response the assertion reads.
    package enum Subject: Sendable, Equatable {
        case status
        /// A response header by case-insensitive name; the first one when repeated.
        case header(String)
        /// The body as UTF-8 text.
        case body
        case json(JSONPath)
        /// The body's size in bytes.
        case size
        /// The request's total time in microseconds.
        case latency
    }

    package enum Operator: String, Sendable, Equatable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
        case contains
        case matches
        /// `status in 200-299`: within an inclusive range.
        case within = "in"
    }

    /// The right-hand side.
    package enum Operand: Sendable, Equatable {
        /// Text rendered per request (may hold `{{ variable }}`); compared as numbers when both sides are numbers.
        case text(Template)
        /// `null`: the JSON value is null or absent.
        case null
        /// A number: a status, a size in bytes (`10kB`), a latency in microseconds (`200ms`).
        case number(Double)
        /// An inclusive range of whole numbers (`200-299`).
        case range(ClosedRange<Int>)
    }

    package var subject: Subject
    package var comparison: Operator
    package var expected: Operand
    /// The assertion as written; the failure's message, so the failures table has one row per assertion.
    package var text: String

    package init(subject: Subject, comparison: Operator, expected: Operand, text: String) {
        self.subject = subject
        self.comparison = comparison
        self.expected = expected
        self.text = text
    }

    /// Whether judging needs the response body kept.
    package var readsBody: Bool {
        switch subject {
        case .body, .json: true
        case .status, .header, .size, .latency: false
        }
    }

    /// Whether judging needs the response headers kept.
    package var readsHeaders: Bool { if case .header = subject { true } else { false } }
}

extension ResponseValueSource {
    /// Whether reading the value needs the response body kept.
    package var readsBody: Bool { if case .header = self { false } else { true } }
}
