import LoadRunnerModel

/// Finds the bytes that would end a header line early or cut it short: CR, LF and NUL.
///
/// Works on UTF-8 bytes, never on `Character`s: `"\r\n"` is a single `Character` that equals neither
/// `"\r"` nor `"\n"`, which is how a CRLF pair once slipped through. Non-ASCII text cannot hide these
/// bytes, since every byte of a multi-byte UTF-8 sequence is 0x80 or above.
package enum HeaderValueSafety {
    /// True when `text` holds a CR (0x0D), LF (0x0A) or NUL (0x00) byte.
    package static func hasLineBreakOrNUL(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { $0.contains(where: isUnsafe) } ?? utf8.contains(where: isUnsafe)
    }

    private static func isUnsafe(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A || byte == 0x00 }

    /// The first row of a table source (CSV or `values:`) whose value, in a column that `template`
    /// references from `source`, holds CR, LF or NUL; nil when every referenced value is safe.
    /// A reference without a column means the first column, as when rendering.
    package static func firstUnsafeRow(
        in template: Template, source: String, columns: [String], rows: [[String]]
    ) -> UnsafeRow? {
        var checked: Set<Int> = []
        for case .reference(let name, let column) in template.segments where name == source {
            let index: Int? = if let column { columns.firstIndex(of: column) } else { 0 }
            guard let index, checked.insert(index).inserted else { continue }
            if let row = rows.firstIndex(where: { index < $0.count && hasLineBreakOrNUL($0[index]) }) {
                return UnsafeRow(column: column, rowIndex: row)
            }
        }
        return nil
    }

    /// A value of a table source that must not go into a header: its column as referenced, and the
    /// 0-based index of its row among the source's rows.
    package struct UnsafeRow: Sendable, Equatable {
        package var column: String?
        package var rowIndex: Int

        package init(column: String?, rowIndex: Int) {
            self.column = column
            self.rowIndex = rowIndex
        }
    }
}
