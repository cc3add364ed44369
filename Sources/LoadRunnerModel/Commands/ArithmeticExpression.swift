/// Arithmetic over numbers and named run numbers: what a check's `{{ ... }}` holds.
package indirect enum ArithmeticExpression: Sendable, Equatable {
    case number(Double)
    case name(String)
    case negate(ArithmeticExpression)
    case binary(Operator, ArithmeticExpression, ArithmeticExpression)

    package enum Operator: Character, Sendable, Equatable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    package enum EvaluationError: Error, Equatable, Sendable {
        /// A name the run does not have; `known` lists the names it has.
        case unknownName(String, known: [String])
        case divisionByZero
    }

    /// Every name used, in order of appearance.
    package var names: [String] {
        switch self {
        case .number: []
        case .name(let name): [name]
        case .negate(let operand): operand.names
        case .binary(_, let left, let right): left.names + right.names
        }
    }

    package func evaluate(_ numbers: RunNumbers) throws(EvaluationError) -> Double {
        switch self {
        case .number(let value):
            return value
        case .name(let name):
            guard let value = numbers[name] else { throw .unknownName(name, known: numbers.names) }
            return value
        case .negate(let operand):
            return -(try operand.evaluate(numbers))
        case .binary(let op, let left, let right):
            let a = try left.evaluate(numbers)
            let b = try right.evaluate(numbers)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide:
                guard b != 0 else { throw .divisionByZero }
                return a / b
            }
        }
    }
}

/// Recursive descent over `expression := term (('+'|'-') term)*`, `term := factor (('*'|'/') factor)*`,
/// `factor := number | name | '-' factor | '(' expression ')'`.
struct ArithmeticParser {
    let characters: [Character]
    /// Column (1-based) of `characters[0]` in the whole check text, for messages.
    let columnOffset: Int
    private var index = 0

    init(characters: [Character], columnOffset: Int) {
        self.characters = characters
        self.columnOffset = columnOffset
    }

    mutating func parseWhole() throws(CheckExpression.ParseError) -> ArithmeticExpression {
        skipSpaces()
        guard index < characters.count else { throw failure("\"{{ }}\" is empty: put a name such as requests.insert.ok inside") }
        let expression = try parseSum()
        skipSpaces()
        guard index == characters.count else { throw failure("unexpected \"\(characters[index])\"") }
        return expression
    }

    private mutating func parseSum() throws(CheckExpression.ParseError) -> ArithmeticExpression {
        var left = try parseProduct()
        while let op = peekOperator(["+", "-"]) {
            index += 1
            left = .binary(op, left, try parseProduct())
        }
        return left
    }

    private mutating func parseProduct() throws(CheckExpression.ParseError) -> ArithmeticExpression {
        var left = try parseFactor()
        while let op = peekOperator(["*", "/"]) {
            index += 1
            left = .binary(op, left, try parseFactor())
        }
        return left
    }

    private mutating func parseFactor() throws(CheckExpression.ParseError) -> ArithmeticExpression {
        skipSpaces()
        guard index < characters.count else { throw failure("the expression ends where a number or name was expected") }
        let character = characters[index]
        if character == "-" {
            index += 1
            return .negate(try parseFactor())
        }
        if character == "(" {
            index += 1
            let inner = try parseSum()
            skipSpaces()
            guard index < characters.count, characters[index] == ")" else { throw failure("\"(\" is never closed with \")\"") }
            index += 1
            return inner
        }
        if character.isNumber || character == "." { return try parseNumber() }
        if character.isLetter || character == "_" { return parseName() }
        throw failure("unexpected \"\(character)\": expected a number, a name such as requests.insert.ok, \"-\" or \"(\"")
    }

    private mutating func parseNumber() throws(CheckExpression.ParseError) -> ArithmeticExpression {
        let start = index
        while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
        let text = String(characters[start..<index])
        guard let value = Double(text) else {
            index = start
            throw failure("\"\(text)\" is not a number")
        }
        return .number(value)
    }

    /// Letters, digits, `_`, `-`, `/` and `.` after a first letter: request names such as `user/get` are allowed;
    /// a bracketed name is taken whole, so metric paths such as `command[replica2 lag].max` are names too.
    private mutating func parseName() -> ArithmeticExpression {
        let start = index
        while index < characters.count {
            let character = characters[index]
            if character == "[", let close = characters[index...].firstIndex(of: "]") {
                index = close + 1
                continue
            }
            guard character.isLetter || character.isNumber || "_./".contains(character)
                || (character == "-" && index + 1 < characters.count && characters[index + 1] != " ")
            else { break }
            index += 1
        }
        return .name(String(characters[start..<index]))
    }

    private mutating func peekOperator(_ allowed: [Character]) -> ArithmeticExpression.Operator? {
        skipSpaces()
        guard index < characters.count, allowed.contains(characters[index]) else { return nil }
        return ArithmeticExpression.Operator(rawValue: characters[index])
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private func failure(_ message: String) -> CheckExpression.ParseError {
        CheckExpression.ParseError(message: message, column: columnOffset + index + 1)
    }
}
