import Foundation
import LoadRunnerModel

/// Decides a check from its command's output (or its metric's value) and the expected value. Pure.
package enum CheckJudge {
    package struct Verdict: Equatable, Sendable {
        package var passed: Bool
        /// What was compared: the first non-empty line of the output, trimmed (nil when there was none).
        package var actual: String?
        /// Why it failed, in words; nil when it passed.
        package var problem: String?
    }

    /// `equals` compares numbers numerically when both sides are numbers, else as text;
    /// `at_least` and `at_most` need a number on both sides.
    package static func judge(_ comparison: CheckComparison, expected: CheckValue, stdout: String) -> Verdict {
        let actual = stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let actual else { return Verdict(passed: false, actual: nil, problem: "the command printed nothing") }
        let actualNumber = CheckValue.number(parsing: actual)
        switch (comparison, expected) {
        case (.equals, .text(let text)):
            return verdict(actual == text, actual, "got \"\(actual)\", expected \"\(text)\"")
        case (.equals, .number(let number)):
            guard let actualNumber else { return notANumber(actual, expected: expected) }
            return verdict(actualNumber == number, actual, "got \(actual), expected \(expected.text)")
        case (.atLeast, .number(let number)):
            guard let actualNumber else { return notANumber(actual, expected: expected) }
            return verdict(actualNumber >= number, actual, "got \(actual), expected at least \(expected.text)")
        case (.atMost, .number(let number)):
            guard let actualNumber else { return notANumber(actual, expected: expected) }
            return verdict(actualNumber <= number, actual, "got \(actual), expected at most \(expected.text)")
        case (.atLeast, .text(let text)), (.atMost, .text(let text)):
            return Verdict(passed: false, actual: actual,
                           problem: "expected value \"\(text)\" is not a number; \(comparison.rawValue) compares numbers")
        }
    }

    /// A metric check: the metric's whole-run value (nil when the run has none) judged like a command's output.
    package static func judge(_ comparison: CheckComparison, expected: CheckValue, metric: MetricID, value: Double?) -> Verdict {
        guard let value else { return Verdict(passed: false, actual: nil, problem: "the run has no value for \(metric)") }
        return judge(comparison, expected: expected, stdout: CheckValue.number(value).text)
    }

    private static func verdict(_ passed: Bool, _ actual: String, _ problem: String) -> Verdict {
        Verdict(passed: passed, actual: actual, problem: passed ? nil : problem)
    }

    private static func notANumber(_ actual: String, expected: CheckValue) -> Verdict {
        Verdict(passed: false, actual: actual, problem: "output \"\(actual.prefix(60))\" is not a number (expected \(expected.text))")
    }
}
