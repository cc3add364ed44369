import LoadRunnerCore

/// A data source's values, loaded once before the run and shared read-only by every virtual user.
/// Values are kept both raw (for bodies and headers) and URL-encoded (for paths and queries).
struct SourceValues: Sendable {
    enum Values: Sendable {
        /// Rows of a CSV file or of a fetched JSON array; scalars form the single column "".
        /// `encoded` is nil when no value needs URL-encoding (ids, numbers), so it costs no memory.
        case table(columns: [String], raw: [[String]], encoded: [[String]]?)
        case range(ClosedRange<Int64>)
    }

    let name: String
    let values: Values

    /// Rows to pick from; 0 for a range (which has no rows).
    var rowCount: Int {
        if case .table(_, let raw, _) = values { return raw.count }
        return 0
    }

    /// The column index of `column` (nil for the first column), or nil when the table has no such column.
    func columnIndex(_ column: String?) -> Int? {
        guard case .table(let columns, _, _) = values else { return 0 }
        guard let column else { return 0 }
        return columns.firstIndex(of: column)
    }

    static func table(name: String, columns: [String], rows: [[String]]) -> SourceValues {
        let encoded = rows.map { $0.map(URLEncoding.encode) }
        return SourceValues(name: name, values: .table(columns: columns, raw: rows, encoded: encoded == rows ? nil : encoded))
    }
}

/// Percent-encoding for values placed in a URL path segment or query value.
enum URLEncoding {
    /// Encodes every byte except RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
