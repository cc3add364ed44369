/// Protobuf's wire format, the few encodings the Prometheus formats use, written by hand (no protobuf library):
/// fields are appended in the order given, nested messages built by a writer of their own.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    /// A nested message (wire type 2), built by `body`.
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        lengthDelimited(field, nested.bytes)
    }

    mutating func string(_ field: Int, _ value: String) {
        lengthDelimited(field, Array(value.utf8))
    }

    /// A `double` (wire type 1, little-endian IEEE 754).
    mutating func double(_ field: Int, _ value: Double) {
        key(field, wireType: 1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `uint32`, `uint64`, `int64` or enum (wire type 0); a negative `int64` is its two's complement.
    mutating func unsigned(_ field: Int, _ value: UInt64) {
        key(field, wireType: 0)
        Self.appendVarint(&bytes, value)
    }

    /// A `sint32` or `sint64` (wire type 0, zigzag: small magnitudes of either sign take few bytes).
    mutating func signed(_ field: Int, _ value: Int64) {
        unsigned(field, Self.zigzag(value))
    }

    /// A packed repeated `sint64`: one length-delimited field holding the zigzag varints.
    mutating func packedSigned(_ field: Int, _ values: [Int64]) {
        var packed: [UInt8] = []
        for value in values { Self.appendVarint(&packed, Self.zigzag(value)) }
        lengthDelimited(field, packed)
    }

    mutating func lengthDelimited(_ field: Int, _ body: [UInt8]) {
        key(field, wireType: 2)
        Self.appendVarint(&bytes, UInt64(body.count))
        bytes.append(contentsOf: body)
    }

    private mutating func key(_ field: Int, wireType: Int) {
        Self.appendVarint(&bytes, UInt64(field << 3 | wireType))
    }

    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Base-128 varint, least significant group first.
    static func appendVarint(_ out: inout [UInt8], _ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }
}
