/// A table of text values kept compactly: every cell's UTF-8 bytes one after another in one buffer,
/// plus where each cell ends. Cell `k` (row-major) is `bytes[ends[k - 1] ..< ends[k]]`.
///
/// Rows usually have one cell per column. Rows of a fetched object array may be shorter (a key first
/// seen in a later object); `rowStarts` then says where each row's cells begin, and missing cells are
/// empty. Offsets are 32-bit, so a table holds at most 4 GiB of text (a fetch is capped at 2 GiB).
struct ValueTable: Sendable {
    /// Column names; "" for the single column of a scalar list.
    let columns: [String]
    let bytes: [UInt8]
    let ends: [UInt32]
    /// Index in `ends` of each row's first cell, plus one past the last; nil when every row has
    /// `columns.count` cells.
    let rowStarts: [UInt32]?
    let rowCount: Int

    /// The column `{{ name }}` (no column) picks: a CSV file's first column; for fetched objects, the
    /// first key by name.
    let defaultColumn: Int

    /// The byte range of one cell in `bytes`; empty for a cell the row does not have.
    func cellRange(row: Int, column: Int) -> Range<Int> {
        let first: Int
        let cellCount: Int
        if let rowStarts {
            first = Int(rowStarts[row])
            cellCount = Int(rowStarts[row + 1]) - first
        } else {
            first = row * columns.count
            cellCount = columns.count
        }
        guard column < cellCount else { return 0..<0 }
        let cell = first + column
        return (cell == 0 ? 0 : Int(ends[cell - 1]))..<Int(ends[cell])
    }

    /// The cell as text (for tests and messages; rendering appends bytes without making a String first).
    func text(row: Int, column: Int) -> String {
        String(decoding: bytes[cellRange(row: row, column: column)], as: UTF8.self)
    }

    /// Appends one cell to `output`, percent-encoded for a URL when `urlEncoded`.
    func append(row: Int, column: Int, to output: inout String, urlEncoded: Bool) {
        let range = cellRange(row: row, column: column)
        guard !range.isEmpty else { return }
        bytes.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[range])
            if urlEncoded {
                URLEncoding.append(cell, to: &output)
            } else {
                output += String(decoding: cell, as: UTF8.self)
            }
        }
    }

    /// A table from rows of text (CSV files, value lists); rows may be shorter than `columns`.
    init(columns: [String], rows: [[String]]) {
        var builder = ValueTableBuilder(columns: columns, byteCapacity: rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count } })
        for row in rows {
            for value in row { builder.appendCell(value.utf8) }
            builder.endRow()
        }
        self = builder.finish()
    }

    init(columns: [String], bytes: [UInt8], ends: [UInt32], rowStarts: [UInt32]?, rowCount: Int, defaultColumn: Int = 0) {
        self.columns = columns
        self.defaultColumn = defaultColumn
        self.bytes = bytes
        self.ends = ends
        self.rowStarts = rowStarts
        self.rowCount = rowCount
    }
}

/// Builds a `ValueTable` cell by cell, row by row; used by CSV/value lists and the JSON array reader.
struct ValueTableBuilder {
    private(set) var columns: [String]
    private(set) var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    /// Cells of every row so far while all rows are equally wide (nil before the first row); row starts
    /// are then implied and `rowStarts` stays empty, costing nothing for scalar lists and CSV files.
    private var uniformWidth: Int?
    /// Where each row starts in `ends`, plus the end; kept only once rows differ in width.
    private var rowStarts: [UInt32] = []
    private var rowStart = 0
    private(set) var rowCount = 0

    /// `byteCapacity` and `cellCapacity` are reserved up front, so the buffers never grow by copying
    /// (an upper bound is fine: pages never written cost no memory).
    init(columns: [String], byteCapacity: Int, cellCapacity: Int = 0) {
        self.columns = columns
        bytes.reserveCapacity(byteCapacity)
        ends.reserveCapacity(cellCapacity)
    }

    /// Adds a column (a key first seen in a later object); earlier rows read it as empty.
    mutating func addColumn(_ name: String) -> Int {
        columns.append(name)
        return columns.count - 1
    }

    mutating func appendCell(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
        endCell()
    }

    /// Ends the current cell at the end of `bytes` (callers that write `bytes` directly use this).
    mutating func endCell() {
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Appends raw bytes to the current cell.
    mutating func appendBytes(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
    }

    /// Hands out the value buffer (without copying) so a reader can decode straight into it; give it
    /// back with `restoreBytes` before anything else touches the builder.
    mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }

    mutating func restoreBytes(_ value: [UInt8]) {
        bytes = value
    }

    /// Ends the current row after its cells (a row may be narrower than `columns`; see `ValueTable`).
    mutating func endRow() {
        let width = ends.count - rowStart
        if uniformWidth == nil && rowCount == 0 { uniformWidth = width }
        if let uniform = uniformWidth, uniform != width { materializeRowStarts(width: uniform) }
        if uniformWidth == nil { rowStarts.append(UInt32(ends.count)) }
        rowStart = ends.count
        rowCount += 1
    }

    /// Writes out the row starts implied so far (all rows `width` cells wide) and keeps them from now on.
    private mutating func materializeRowStarts(width: Int) {
        rowStarts = (0...rowCount).map { UInt32($0 * width) }
        uniformWidth = nil
    }

    /// The table; `defaultColumn` is what `{{ name }}` without a column reads.
    mutating func finish(defaultColumn: Int = 0) -> ValueTable {
        if let uniform = uniformWidth, uniform != columns.count { materializeRowStarts(width: uniform) }
        return ValueTable(
            columns: columns, bytes: bytes, ends: ends, rowStarts: uniformWidth == nil && rowCount > 0 ? rowStarts : nil,
            rowCount: rowCount, defaultColumn: defaultColumn)
    }
}
