import Foundation

/// A table of text cells with aligned columns, written as a Markdown table or as plain text for a terminal.
///
/// Column widths count characters (`Character`), which is right for the ASCII and Latin text reports contain.
package struct TextTable: Sendable, Equatable {
    /// Which side of its column a cell sticks to; numbers go right.
    package enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// A column's title and alignment.
    package struct Column: Sendable, Equatable {
        package var title: String
        package var alignment: Alignment
        package init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    package var columns: [Column]
    /// Rows of cells; a short row is padded with empty cells, extra cells are dropped.
    package var rows: [[String]]

    package init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    package mutating func append(_ row: [String]) { rows.append(row) }

    /// A GitHub-flavoured Markdown table: `|` in cells escaped as `\|`, line breaks turned into spaces,
    /// alignment shown in the separator row (`---:` for right), and columns padded so the source reads as a table too.
    package func writeMarkdown(to output: inout some TextOutputStream) {
        let header = columns.map { Self.markdownCell($0.title) }
        let body = normalizedRows.map { $0.map(Self.markdownCell) }
        // Separator cells need at least three dashes.
        let widths = columnWidths(header: header, body: body, minimum: 3)
        output.write(markdownLine(header, widths: widths))
        let separators = zip(columns, widths).map { column, width in
            column.alignment == .right
                ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
        }
        output.write("| " + separators.joined(separator: " | ") + " |\n")
        for row in body { output.write(markdownLine(row, widths: widths)) }
    }

    /// Plain text: columns separated by two spaces, no borders, trailing spaces trimmed.
    package func writePlain(to output: inout some TextOutputStream) {
        let header = columns.map { Self.plainCell($0.title) }
        let body = normalizedRows.map { $0.map(Self.plainCell) }
        let widths = columnWidths(header: header, body: body, minimum: 0)
        for row in [header] + body {
            let cells = zip(columns.indices, row).map { index, cell in pad(cell, index: index, width: widths[index]) }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            output.write(line + "\n")
        }
    }

    /// Escapes one Markdown cell: `|` would end the cell, a line break the row.
    package static func markdownCell(_ text: String) -> String {
        plainCell(text).replacingOccurrences(of: "|", with: "\\|")
    }

    private static func plainCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    private var normalizedRows: [[String]] {
        rows.map { row in
            Array(row.prefix(columns.count)) + Array(repeating: "", count: max(0, columns.count - row.count))
        }
    }

    private func columnWidths(header: [String], body: [[String]], minimum: Int) -> [Int] {
        columns.indices.map { index in
            ([header] + body).reduce(minimum) { max($0, $1[index].count) }
        }
    }

    private func markdownLine(_ cells: [String], widths: [Int]) -> String {
        let padded = cells.indices.map { pad(cells[$0], index: $0, width: widths[$0]) }
        return "| " + padded.joined(separator: " | ") + " |\n"
    }

    private func pad(_ cell: String, index: Int, width: Int) -> String {
        let padding = String(repeating: " ", count: max(0, width - cell.count))
        return columns[index].alignment == .right ? padding + cell : cell + padding
    }
}
