/// Snappy's block format (what remote write's `Content-Encoding: snappy` means), written with literals only: valid
/// snappy that any decoder reads, just not smaller. A push is a few kilobytes once a second; compressing it would
/// save bandwidth nobody needs, and a literal-only writer is a few lines with nothing to get wrong.
///
/// Layout: the uncompressed length as a varint, then literal elements. A literal's tag byte is
/// `(length - 1) << 2` for 1...60 bytes; for longer ones it is `60 << 2` ... `63 << 2` followed by `length - 1` in
/// 1 to 4 little-endian bytes. Here every element is at most 65,536 bytes (tag 61 or shorter).
package enum SnappyBlock {
    /// The largest literal element written.
    static let maxLiteral = 65_536

    package static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / maxLiteral * 3 + 8)
        ProtobufWriter.appendVarint(&out, UInt64(input.count))
        var start = 0
        while start < input.count {
            let length = min(maxLiteral, input.count - start)
            let stored = length - 1
            switch length {
            case ...60:
                out.append(UInt8(stored << 2))
            case ...256:
                out.append(60 << 2)
                out.append(UInt8(stored))
            default:
                out.append(61 << 2)
                out.append(UInt8(stored & 0xFF))
                out.append(UInt8(stored >> 8))
            }
            out.append(contentsOf: input[start..<(start + length)])
            start += length
        }
        return out
    }
}
