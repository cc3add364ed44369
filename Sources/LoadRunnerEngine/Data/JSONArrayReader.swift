/// A problem in a fetched JSON body: what is wrong and the byte offset (from 0) where it was found.
struct JSONArrayError: Error, Equatable, Sendable {
    let offset: Int
    let message: String
}

/// Reads a JSON array of scalars, or of flat objects, into a `ValueTable` in one pass over the bytes,
/// without building a tree: strings are stored decoded (escapes and `\uXXXX` surrogate pairs resolved),
/// numbers exactly as written, `true`/`false` as written, `null` as empty, and nested arrays or objects
/// as their JSON text. Objects become rows with a column per key (missing keys are empty).
///
/// The stored text is never longer than the body, so memory is the body plus about its size again
/// plus 4 bytes per value. The JSON grammar (RFC 8259) is checked; the first error is reported with
/// its byte offset. UTF-8 inside strings is passed through unchecked.
struct JSONArrayReader {
    let input: UnsafeBufferPointer<UInt8>
    var position = 0
    var table: ValueTableBuilder
    /// Cells to reserve room for: one more than the commas in the body, which bounds the values of a
    /// scalar array (objects with missing keys may need more; the buffer then grows).
    var cellCapacity = 0
    /// Deepest nesting kept as text before the body is refused (guards the recursive skip).
    static let maxDepth = 256

    /// The array in `input` as a table, or the first problem found.
    static func read(_ input: UnsafeBufferPointer<UInt8>) throws(JSONArrayError) -> ValueTable {
        var reader = JSONArrayReader(input: input, table: ValueTableBuilder(columns: [""], byteCapacity: 0))
        reader.cellCapacity = Self.commaCount(input) + 1
        try reader.readArray()
        let columns = reader.table.columns
        return reader.table.finish(defaultColumn: columns.indices.min { columns[$0] < columns[$1] } ?? 0)
    }

    /// Reads the whole body: `[`, the elements (all objects when the first is one), `]`, nothing after.
    private mutating func readArray() throws(JSONArrayError) {
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte-order mark, which RFC 8259 lets readers ignore
        skipWhitespace()
        guard let first = peek() else { throw fail(Messages.jsonEmptyBody) }
        guard first == UInt8(ascii: "[") else { throw fail(Messages.jsonNotArray(found: describe(first))) }
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { throw fail(Messages.jsonEmptyArray) }
        let objects = peek() == UInt8(ascii: "{")
        var columnByName: [String: Int] = [:]
        var row = ObjectRow()
        table = ValueTableBuilder(columns: objects ? [] : [""], byteCapacity: input.count, cellCapacity: cellCapacity)
        while true {
            skipWhitespace()
            if objects {
                guard peek() == UInt8(ascii: "{") else {
                    throw fail(Messages.jsonNotObject(element: table.rowCount, found: describe(peek())))
                }
                try readObject(into: &row, columnByName: &columnByName)
            } else {
                try readScalar()
                table.endCell()
                table.endRow()
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                skipWhitespace()
                guard position == input.count else { throw fail(Messages.jsonTextAfterArray) }
                return
            default: throw fail(Messages.jsonExpectedCommaOrEnd(element: table.rowCount - 1, found: describe(peek())))
            }
        }
    }

    /// Reads one element of a scalar array into the current cell of `table`.
    private mutating func readScalar() throws(JSONArrayError) {
        guard let byte = peek() else { throw fail(Messages.jsonEndedEarly) }
        switch byte {
        case UInt8(ascii: "\""):
            var bytes = table.takeBytes()
            defer { table.restoreBytes(bytes) }
            try readString(into: &bytes)
        default:
            let start = position
            switch try skipValue(depth: 0) {
            case .null: break
            case .text: table.appendBytes(UnsafeBufferPointer(rebasing: input[start..<position]))
            }
        }
    }

    /// Reads one object into `row`, then writes it to `table` in column order.
    private mutating func readObject(into row: inout ObjectRow, columnByName: inout [String: Int]) throws(JSONArrayError) {
        let element = table.rowCount
        row.reset(columnCount: table.columns.count)
        position += 1  // "{"
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            members: while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw fail(Messages.jsonExpectedKey(element: element, found: describe(peek()))) }
                row.key.removeAll(keepingCapacity: true)
                try readString(into: &row.key)
                let name = String(decoding: row.key, as: UTF8.self)
                let column: Int
                if let known = columnByName[name] {
                    column = known
                } else {
                    column = table.addColumn(name)
                    columnByName[name] = column
                }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw fail(Messages.jsonExpectedColon(key: name, found: describe(peek()))) }
                position += 1
                skipWhitespace()
                let start = row.bytes.count
                if peek() == UInt8(ascii: "\"") {
                    try readString(into: &row.bytes)
                } else {
                    guard peek() != nil else { throw fail(Messages.jsonEndedEarly) }
                    let valueStart = position
                    if case .text = try skipValue(depth: 1) {
                        row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[valueStart..<position]))
                    }
                }
                row.set(column: column, range: start..<row.bytes.count)
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    break members
                default: throw fail(Messages.jsonExpectedCommaOrBrace(element: element, found: describe(peek())))
                }
            }
        }
        for column in 0..<table.columns.count {
            if let range = row.range(column: column) {
                row.bytes.withUnsafeBufferPointer { table.appendBytes(UnsafeBufferPointer(rebasing: $0[range])) }
            }
            table.endCell()
        }
        table.endRow()
    }

    /// Commas in `input`: a fast first pass, so the cell offsets are allocated once.
    static func commaCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in input where byte == UInt8(ascii: ",") { count += 1 }
        return count
    }

    func peek() -> UInt8? { position < input.count ? input[position] : nil }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// An error at the current position.
    func fail(_ message: String) -> JSONArrayError { JSONArrayError(offset: position, message: message) }

    /// How a byte found instead of the expected one is named in messages.
    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the body" }
        if byte >= 0x21 && byte < 0x7F { return "\"\(Character(Unicode.Scalar(byte)))\"" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

/// The cells of the object being read, before they are written in column order.
struct ObjectRow {
    var bytes: [UInt8] = []
    var key: [UInt8] = []
    /// Per column, the cell's range in `bytes` (a repeated key keeps its last value).
    private var ranges: [Range<Int>?] = []

    mutating func reset(columnCount: Int) {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        ranges.append(contentsOf: repeatElement(nil, count: columnCount))
    }

    mutating func set(column: Int, range: Range<Int>) {
        while ranges.count <= column { ranges.append(nil) }
        ranges[column] = range
    }

    func range(column: Int) -> Range<Int>? { column < ranges.count ? ranges[column] : nil }
}
