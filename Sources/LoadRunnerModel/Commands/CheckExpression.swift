import Foundation
import LoadRunnerText

/// A check's expected value: text in which `{{ ... }}` holds arithmetic over the run's numbers, e.g.
/// `{{ requests.insert.ok }}` or `{{ requests.insert.ok + 100 }}`. Parsed once, with the profile.
///
/// Inside the braces: decimal numbers, names (`requests.NAME.ok`, see ``RunNumbers``), `+ - * /`,
/// unary minus and parentheses, with the usual precedence.
package struct CheckExpression: Sendable, Equatable {
    package enum Part: Sendable, Equatable {
        case text(String)
        case expression(ArithmeticExpression)
    }

    /// As written in the profile.
    package var source: String
    package var parts: [Part]

    /// A problem with the text, with the column (1-based, within the expression text) where it is.
    package struct ParseError: Error, Equatable, Sendable {
        package var message: String
        package var column: Int
    }

    package init(parsing source: String) throws(ParseError) {
        self.source = source
        var parts: [Part] = []
        let characters = Array(source)
        var index = 0
        var text = ""
        while index < characters.count {
            if characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" {
                guard let close = Self.closingBraces(in: characters, from: index + 2) else {
                    throw ParseError(message: "\"{{\" is never closed with \"}}\"", column: index + 1)
                }
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                var parser = ArithmeticParser(characters: Array(characters[(index + 2)..<close]), columnOffset: index + 2)
                parts.append(.expression(try parser.parseWhole()))
                index = close + 2
            } else {
                text.append(characters[index])
                index += 1
            }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    /// Every name the expression uses, in order of appearance.
    package var names: [String] {
        parts.flatMap { part -> [String] in
            if case .expression(let expression) = part { return expression.names }
            return []
        }
    }

    /// The expected value for a run: a number when the whole text is one `{{ }}`, otherwise the text with
    /// each `{{ }}` replaced by its value. Throws the first unknown name (with the names there are) or a
    /// division by zero.
    package func evaluate(_ numbers: RunNumbers) throws(ArithmeticExpression.EvaluationError) -> CheckValue {
        if parts.count == 1, case .expression(let expression) = parts[0] {
            return .number(try expression.evaluate(numbers))
        }
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .expression(let expression): text += CheckValue.number(try expression.evaluate(numbers)).text
            }
        }
        if let number = CheckValue.number(parsing: text) { return .number(number) }
        return .text(text)
    }

    private static func closingBraces(in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            if characters[index] == "}" && characters[index + 1] == "}" { return index }
            index += 1
        }
        return nil
    }
}

/// An expected or actual check value.
package enum CheckValue: Sendable, Equatable {
    case number(Double)
    case text(String)

    /// The value as shown in reports: whole numbers without a decimal point.
    package var text: String {
        switch self {
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return ReportNumber.trimmed(value, maxDecimals: 6)
        case .text(let text): return text
        }
    }

    /// A plain decimal number (`42`, `-1.5`, `3e6`), else nil; surrounding whitespace is ignored.
    package static func number(parsing text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }),
              let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }
}
