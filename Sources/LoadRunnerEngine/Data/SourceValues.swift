import LoadRunnerModel

/// A data source's values, loaded once before the run and shared read-only by every virtual user.
/// Table values are kept once, raw, in a compact `ValueTable`; paths and queries percent-encode
/// them while rendering, into the user's own buffer, so no encoded copy is kept.
struct SourceValues: Sendable {
    enum Values: Sendable {
        /// Rows of a CSV file or of a fetched JSON array; scalars form the single column "".
        case table(ValueTable)
        case range(ClosedRange<Int64>)
    }

    let name: String
    let values: Values
    /// Chooses each request's row (or range offset) as the source's `pick:` says.
    let picker: RowPicker

    init(name: String, values: Values, pick: RowPick = .random, zipfExponent: Double? = nil, shard: ShardPlan = .single) {
        self.name = name
        self.values = values
        let count = switch values {
        case .table(let table): UInt64(table.rowCount)
        // 0 stands for all 2^64 values; validated bounds keep ranges far smaller.
        case .range(let range): UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        }
        picker = RowPicker(pick: pick, count: count, zipfExponent: zipfExponent, shard: shard)
    }

    /// The same values with the pick of `spec` (a `sequential` or `unique` source counts from the first row of
    /// `shard`'s part).
    func picking(as spec: DataSourceSpec, shard: ShardPlan = .single) -> SourceValues {
        SourceValues(name: name, values: values, pick: spec.pick, zipfExponent: spec.zipfExponent, shard: shard)
    }

    /// Rows to pick from; 0 for a range (which has no rows).
    var rowCount: Int {
        if case .table(let table) = values { return table.rowCount }
        return 0
    }

    /// The column index of `column` (nil for the default column), or nil when the table has no such column.
    func columnIndex(_ column: String?) -> Int? {
        guard case .table(let table) = values else { return 0 }
        guard let column else { return table.defaultColumn }
        return table.columns.firstIndex(of: column)
    }

    static func table(name: String, columns: [String], rows: [[String]]) -> SourceValues {
        SourceValues(name: name, values: .table(ValueTable(columns: columns, rows: rows)))
    }
}

/// Percent-encoding for values placed in a URL path segment or query value.
enum URLEncoding {
    /// Encodes every byte except RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        var output = ""
        var text = text
        text.withUTF8 { append($0, to: &output) }
        return output
    }

    /// Appends `bytes` percent-encoded to `output`; unreserved bytes go in as they are.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout String) {
        guard bytes.contains(where: { !isUnreserved($0) }) else {
            output += String(decoding: bytes, as: UTF8.self)
            return
        }
        let hex: StaticString = "0123456789ABCDEF"
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 3) { encoded in
            var count = 0
            for byte in bytes {
                if isUnreserved(byte) {
                    encoded[count] = byte
                    count += 1
                } else {
                    encoded[count] = UInt8(ascii: "%")
                    encoded[count + 1] = hex.utf8Start[Int(byte >> 4)]
                    encoded[count + 2] = hex.utf8Start[Int(byte & 0xF)]
                    count += 3
                }
            }
            output += String(decoding: UnsafeBufferPointer(rebasing: encoded[..<count]), as: UTF8.self)
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
