/// The last `limit` bytes of an output stream, however much the stream wrote.
///
/// Appending is amortised O(n): the buffer is cut back to `limit` only once it holds twice that.
struct OutputTail: Sendable {
    let limit: Int
    private var bytes: [UInt8] = []
    /// True once bytes were dropped from the front.
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(min(limit, 4096))
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if chunk.count >= limit {
            truncated = truncated || !bytes.isEmpty || chunk.count > limit
            bytes = Array(chunk.suffix(limit))
            return
        }
        bytes.append(contentsOf: chunk)
        if bytes.count >= 2 * limit { trim() }
    }

    /// The kept bytes as text, invalid UTF-8 replaced; a character cut in half at the front is dropped
    /// rather than shown as a replacement character.
    var text: String {
        var tail = self
        tail.trim()
        var kept = tail.bytes[...]
        if tail.truncated {
            // UTF-8 continuation bytes (10xxxxxx) of a character that started before the kept part.
            let orphans = kept.prefix(3).prefix { $0 & 0xC0 == 0x80 }.count
            kept = kept.dropFirst(orphans)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private mutating func trim() {
        guard bytes.count > limit else { return }
        bytes.removeFirst(bytes.count - limit)
        truncated = true
    }
}
