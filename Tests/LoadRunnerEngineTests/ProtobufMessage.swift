/// Reads protobuf's wire format back into fields, for tests of what LoadRunner encodes by hand: a message is its
/// fields in order, each a number and a varint, a fixed 64-bit value or a length-delimited run of bytes.
struct ProtobufMessage: Sendable {
    enum Value: Sendable, Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
    }

    var fields: [(number: Int, value: Value)] = []

    /// Parses `bytes`; nil when they are not well-formed protobuf (a truncated field, a wire type not used here).
    init?(_ bytes: [UInt8]) {
        var reader = ProtobufCursor(bytes: bytes)
        while !reader.atEnd {
            guard let key = reader.varint() else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = reader.varint() else { return nil }
                fields.append((number, .varint(value)))
            case 1:
                guard let value = reader.fixed64() else { return nil }
                fields.append((number, .fixed64(value)))
            case 2:
                guard let length = reader.varint(), let value = reader.take(Int(length)) else { return nil }
                fields.append((number, .bytes(value)))
            default:
                return nil
            }
        }
    }

    /// Every value of field `number`, in order.
    func all(_ number: Int) -> [Value] { fields.filter { $0.number == number }.map(\.value) }

    func varint(_ number: Int) -> UInt64? {
        if case .varint(let value)? = all(number).last { return value }
        return nil
    }

    /// A zigzag-encoded `sint32`/`sint64`.
    func signed(_ number: Int) -> Int64? { varint(number).map(Self.unzigzag) }

    func double(_ number: Int) -> Double? {
        if case .fixed64(let bits)? = all(number).last { return Double(bitPattern: bits) }
        return nil
    }

    func string(_ number: Int) -> String? { bytes(number).map { String(decoding: $0, as: UTF8.self) } }

    func bytes(_ number: Int) -> [UInt8]? {
        if case .bytes(let value)? = all(number).last { return value }
        return nil
    }

    /// Every nested message of field `number`.
    func messages(_ number: Int) -> [ProtobufMessage] {
        all(number).compactMap { if case .bytes(let value) = $0 { return ProtobufMessage(value) } else { return nil } }
    }

    /// A packed repeated `sint64` field.
    func packedSigned(_ number: Int) -> [Int64] {
        guard let packed = bytes(number) else { return [] }
        var reader = ProtobufCursor(bytes: packed)
        var values: [Int64] = []
        while !reader.atEnd, let value = reader.varint() { values.append(Self.unzigzag(value)) }
        return values
    }

    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }

    /// Splits a stream of messages each preceded by its length as a varint; nil when it does not divide evenly.
    static func delimited(_ bytes: [UInt8]) -> [ProtobufMessage]? {
        var reader = ProtobufCursor(bytes: bytes)
        var messages: [ProtobufMessage] = []
        while !reader.atEnd {
            guard let length = reader.varint(), let body = reader.take(Int(length)), let message = ProtobufMessage(body) else {
                return nil
            }
            messages.append(message)
        }
        return messages
    }
}

private struct ProtobufCursor {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func fixed64() -> UInt64? {
        guard let raw = take(8) else { return nil }
        return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }
}
