/// Finds the value at a `JSONPath` in JSON bytes without building the whole document: it walks the path,
/// skipping every member and element not on it, so a capture from a large body costs one partial scan.
package enum JSONPathReader {
    /// The value found at a path.
    package enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        /// A number as written (`42`, `-1.5e3`).
        case number(String)
        case string(String)
        /// An array or object, as its JSON text.
        case composite(String)
        /// `.length` of an array (elements), object (members) or string (characters).
        case length(Int)

        /// The value as a variable holds it: strings unquoted, numbers as written, `true`/`false`, JSON text for
        /// arrays and objects; nil for null.
        package var text: String? {
            switch self {
            case .null: nil
            case .bool(let value): value ? "true" : "false"
            case .number(let text), .string(let text), .composite(let text): text
            case .length(let count): String(count)
            }
        }
    }

    /// Why no value was read.
    package enum Miss: Error, Sendable, Equatable {
        /// The body is not JSON (or is cut short).
        case notJSON
        /// The path leads nowhere: a missing member, an index past the end, or a step into a scalar.
        case notFound
    }

    /// The value at `path` in `bytes`.
    package static func value(at path: JSONPath, in bytes: UnsafeRawBufferPointer) -> Result<Value, Miss> {
        var scanner = JSONScanner(bytes: bytes)
        do {
            scanner.skipSpace()
            for (position, component) in path.components.enumerated() {
                switch component {
                case .member(let name):
                    guard try scanner.enterMember(name) else { return .failure(.notFound) }
                case .index(let index):
                    guard try scanner.enterElement(index) else { return .failure(.notFound) }
                case .length:
                    guard position == path.components.count - 1 else { return .failure(.notFound) }
                    return .success(.length(try scanner.length()))
                }
            }
            return .success(try scanner.readValue())
        } catch {
            return .failure(.notJSON)
        }
    }
}

/// A forward-only reader over JSON bytes; `position` always rests on the first byte of a value (or past the end).
struct JSONScanner {
    struct Malformed: Error {}

    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Malformed) {
        guard current == byte else { throw Malformed() }
        position += 1
        skipSpace()
    }

    /// At an object: moves onto the value of member `name`; false when the value is no object or has no such member.
    mutating func enterMember(_ name: String) throws(Malformed) -> Bool {
        guard current == UInt8(ascii: "{") else { try skipValue(); return false }
        try expect(UInt8(ascii: "{"))
        if current == UInt8(ascii: "}") { return false }
        while true {
            let key = try readString()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            if key == name { return true }
            try skipValue()
            skipSpace()
            guard current == UInt8(ascii: ",") else { try expect(UInt8(ascii: "}")); return false }
            try expect(UInt8(ascii: ","))
        }
    }

    /// At an array: moves onto element `index` (negative counts from the end); false when there is none.
    mutating func enterElement(_ index: Int) throws(Malformed) -> Bool {
        guard current == UInt8(ascii: "[") else { try skipValue(); return false }
        if index < 0 {
            let start = position
            let count = try length()
            position = start
            guard count + index >= 0 else { return false }
            return try enterElement(count + index)
        }
        try expect(UInt8(ascii: "["))
        if current == UInt8(ascii: "]") { return false }
        var element = 0
        while true {
            if element == index { return true }
            try skipValue()
            skipSpace()
            guard current == UInt8(ascii: ",") else { try expect(UInt8(ascii: "]")); return false }
            try expect(UInt8(ascii: ","))
            element += 1
        }
    }

    /// The element count of an array, member count of an object or character count of a string here.
    mutating func length() throws(Malformed) -> Int {
        switch current {
        case UInt8(ascii: "\""):
            return try readString().count
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let close = current == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            let isObject = close == UInt8(ascii: "}")
            try expect(current!)
            if current == close { return 0 }
            var count = 0
            while true {
                if isObject {
                    _ = try readString()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue()
                count += 1
                skipSpace()
                guard current == UInt8(ascii: ",") else { try expect(close); return count }
                try expect(UInt8(ascii: ","))
            }
        default:
            throw Malformed()
        }
    }

    /// Reads the value here.
    mutating func readValue() throws(Malformed) -> JSONPathReader.Value {
        switch current {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = position
            try skipValue()
            return .composite(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let start = position
            try skipValue()
            switch position - start {
            case 4 where bytes[start] == UInt8(ascii: "t"): return .bool(true)
            case 5: return .bool(false)
            default: return .null
            }
        default:
            let start = position
            try skipValue()
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }
    }

    /// Moves past the value here (and nothing after it).
    mutating func skipValue() throws(Malformed) {
        guard let byte = current else { throw Malformed() }
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            // Brackets nest; strings are skipped whole so brackets inside them do not count.
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    try skipString()
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
                position += 1
                if depth == 0 { return }
            }
            throw Malformed()
        case UInt8(ascii: "t"), UInt8(ascii: "n"): try skipWord(4)
        case UInt8(ascii: "f"): try skipWord(5)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            while let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                position += 1
            }
            if position == start { throw Malformed() }
        default:
            throw Malformed()
        }
    }

    private mutating func skipWord(_ length: Int) throws(Malformed) {
        guard position + length <= bytes.count else { throw Malformed() }
        position += length
    }

    private mutating func skipString() throws(Malformed) {
        position += 1
        while let byte = current {
            position += byte == UInt8(ascii: "\\") ? 2 : 1
            if byte == UInt8(ascii: "\"") { return }
        }
        throw Malformed()
    }

    /// Reads a string here, unescaped.
    mutating func readString() throws(Malformed) -> String {
        guard current == UInt8(ascii: "\"") else { throw Malformed() }
        let start = position + 1
        try skipString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<(position - 1)])
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        return try Self.unescape(raw)
    }

    private static func unescape(_ raw: UnsafeRawBufferPointer) throws(Malformed) -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = 0
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll()
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                utf8.append(byte)
                index += 1
                continue
            }
            flush()
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "u"):
                guard index + 4 <= raw.count,
                      let code = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: raw[index..<(index + 4)]), as: UTF8.self), radix: 16)
                else { throw Malformed() }
                index += 4
                var value = code
                // A surrogate pair: \uD83D\uDE00.
                if (0xD800...0xDBFF).contains(code), index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
                   let low = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: raw[(index + 2)..<(index + 6)]), as: UTF8.self), radix: 16),
                   (0xDC00...0xDFFF).contains(low) {
                    value = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escaped))
            }
        }
        flush()
        return String(scalars)
    }
}
