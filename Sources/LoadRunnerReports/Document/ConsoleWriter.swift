import LoadRunnerText

/// Writes any `ReportDocument` as plain terminal text: one line per paragraph, heading and list item, tables
/// with aligned columns and no borders, one `warning:` line per callout item, no blank lines and no ANSI codes.
/// Figures are left out (the console cannot show them); markup becomes plain text.
package enum ConsoleWriter {
    package static func write(_ document: ReportDocument, to output: inout some TextOutputStream) {
        for block in document.blocks { write(block, to: &output) }
    }

    /// The document as a string.
    package static func render(_ document: ReportDocument) -> String {
        var text = ""
        write(document, to: &text)
        return text
    }

    static func write(_ block: Block, to output: inout some TextOutputStream) {
        switch block {
        case .heading(_, let runs), .paragraph(let runs):
            output.write(runs.plainText + "\n")
        case .table(let table):
            TextTable(columns: table.columns, rows: table.rows.map { $0.map(\.plainText) }).writePlain(to: &output)
        case .list(let items):
            for item in items { output.write("- " + item.plainText + "\n") }
        case .figure:
            break
        case .code(let text, _):
            output.write(text.hasSuffix("\n") ? text : text + "\n")
        case .callout(let callout):
            for item in callout.items { output.write("\(callout.severity.rawValue): \(item.plainText)\n") }
        }
    }
}
