/// Strings, numbers, literals and nested values: the pieces of JSON a `JSONArrayReader` scans.
extension JSONArrayReader {
    /// What a scanned value stores: its JSON text as written, or nothing (`null`).
    enum Scanned { case text, null }

    /// Checks the value at `position` (not a string at the top of a cell) and moves past it.
    /// Numbers and `true`/`false` are kept as written, `null` as nothing, arrays and objects as text.
    mutating func skipValue(depth: Int) throws(JSONArrayError) -> Scanned {
        guard let byte = peek() else { throw fail(Messages.jsonEndedEarly) }
        switch byte {
        case UInt8(ascii: "\""):
            var ignored: [UInt8] = []
            try readString(into: &ignored)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"):
            try skipLiteral("null")
            return .null
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            try skipContainer(depth: depth + 1)
        default:
            throw fail(Messages.jsonExpectedValue(found: describe(byte)))
        }
        return .text
    }

    /// Moves past a nested array or object, checking it; keys are not collected.
    private mutating func skipContainer(depth: Int) throws(JSONArrayError) {
        guard depth <= Self.maxDepth else { throw fail(Messages.jsonTooDeep(Self.maxDepth)) }
        let isObject = input[position] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        position += 1
        skipWhitespace()
        if peek() == close {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            if isObject {
                guard peek() == UInt8(ascii: "\"") else { throw fail(Messages.jsonExpectedNestedKey(found: describe(peek()))) }
                var ignored: [UInt8] = []
                try readString(into: &ignored)
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw fail(Messages.jsonExpectedNestedColon(found: describe(peek()))) }
                position += 1
                skipWhitespace()
            }
            _ = try skipValue(depth: depth)
            skipWhitespace()
            guard let next = peek() else { throw fail(Messages.jsonEndedEarly) }
            position += 1
            if next == close { return }
            guard next == UInt8(ascii: ",") else {
                position -= 1
                throw fail(Messages.jsonExpectedSeparator(close: Character(Unicode.Scalar(close)), found: describe(next)))
            }
        }
    }

    private mutating func skipLiteral(_ word: StaticString) throws(JSONArrayError) {
        let count = word.utf8CodeUnitCount
        let matches = position + count <= input.count
            && (0..<count).allSatisfy { input[position + $0] == word.utf8Start[$0] }
        guard matches else { throw fail(Messages.jsonExpectedValue(found: describe(peek()))) }
        position += count
    }

    /// Moves past a number, checking RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func skipNumber() throws(JSONArrayError) {
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw fail(Messages.jsonBadNumber(found: describe(peek()))) }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let digit = peek(), isDigit(digit) else { throw fail(Messages.jsonBadNumber(found: describe(peek()))) }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), isDigit(digit) else { throw fail(Messages.jsonBadNumber(found: describe(peek()))) }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while position < input.count, isDigit(input[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Reads the string at `position` (its opening quote) and appends it, decoded, to `output`.
    mutating func readString(into output: inout [UInt8]) throws(JSONArrayError) {
        position += 1  // opening quote
        var runStart = position
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                position += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                try readEscape(into: &output)
                runStart = position
                continue
            }
            guard byte >= 0x20 else { throw fail(Messages.jsonControlInString(describe(byte))) }
            position += 1
        }
        throw fail(Messages.jsonUnterminatedString)
    }

    /// Decodes the escape at `position` (its backslash); `\uD83D\uDE00` pairs become one character.
    private mutating func readEscape(into output: inout [UInt8]) throws(JSONArrayError) {
        position += 1
        guard let byte = peek() else { throw fail(Messages.jsonUnterminatedString) }
        let simple: UInt8?
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = byte
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            position -= 1
            throw fail(Messages.jsonBadEscape(describe(byte)))
        }
        if let simple {
            output.append(simple)
            position += 1
            return
        }
        let escapeStart = position - 1
        var code = try readHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"), input[position + 1] == UInt8(ascii: "u") else {
                position = escapeStart
                throw fail(Messages.jsonLoneSurrogate(code))
            }
            position += 1
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw fail(Messages.jsonLoneSurrogate(code))
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            position = escapeStart
            throw fail(Messages.jsonLoneSurrogate(code))
        }
        output.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(code)!)!)
    }

    /// Reads `uXXXX` at `position` and returns the code unit.
    private mutating func readHex4() throws(JSONArrayError) -> UInt32 {
        position += 1  // "u"
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw fail(Messages.jsonUnterminatedString) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(Messages.jsonBadUnicodeEscape(describe(byte)))
            }
            code = code << 4 | UInt32(digit)
            position += 1
        }
        return code
    }
}
