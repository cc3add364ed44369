/// The decoded name/value pairs of a URL query string (`a=1&b=x%20y`).
///
/// Names and values are percent-decoded as UTF-8, and `+` reads as a space as in HTML forms. When a
/// name repeats, the first occurrence wins. A pair without `=` has an empty value.
struct QueryParameters: Sendable, Equatable {
    /// Why a query string could not be decoded.
    struct MalformedQuery: Error, Equatable {
        /// A message for the response body, naming the offending pair.
        var message: String
    }

    private var values: [String: String]

    /// Decodes a raw query string, without the leading `?`.
    ///
    /// - Throws: `MalformedQuery` when a `%` escape is not two hex digits or the bytes are not UTF-8.
    init(parsing rawQuery: some StringProtocol) throws(MalformedQuery) {
        var values: [String: String] = [:]
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first,
                let name = Self.percentDecoded(rawName),
                let value = Self.percentDecoded(parts.count > 1 ? parts[1] : "")
            else {
                throw MalformedQuery(message: "query pair \"\(pair)\" is not valid percent-encoded UTF-8")
            }
            if values[name] == nil {
                values[name] = value
            }
        }
        self.values = values
    }

    /// The decoded value of `name`, or nil when the query does not contain it.
    subscript(name: String) -> String? {
        values[name]
    }

    /// The value of `name`, or nil when it is missing or empty.
    func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// Percent-decodes `text` (with `+` as space); nil for a bad escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue),
                    let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
