import Foundation
import LoadRunnerText

/// Writes any `ReportDocument` as GitHub-flavoured Markdown: blocks separated by one blank line, tables padded
/// (`TextTable`), code in fences longer than any backtick run inside, figures as `![title](file)`.
package enum MarkdownWriter {
    /// Writes the blocks of `document`; the title is the document's first heading, not written twice.
    package static func write(_ document: ReportDocument, to output: inout some TextOutputStream) {
        for (index, block) in document.blocks.enumerated() {
            if index > 0 { output.write("\n") }
            write(block, to: &output)
        }
    }

    /// The document as a string.
    package static func render(_ document: ReportDocument) -> String {
        var text = ""
        write(document, to: &text)
        return text
    }

    /// One block, ending with a line break.
    static func write(_ block: Block, to output: inout some TextOutputStream) {
        switch block {
        case .heading(let level, let runs):
            output.write(String(repeating: "#", count: level) + " " + inline(runs) + "\n")
        case .paragraph(let runs):
            output.write(inline(runs) + "\n")
        case .table(let table):
            TextTable(columns: table.columns, rows: table.rows.map { $0.map { inline($0, inTable: true) } })
                .writeMarkdown(to: &output)
        case .list(let items):
            for item in items { output.write("- " + inline(item) + "\n") }
        case .figure(let figure):
            output.write("![\(imageText(figure.title))](\(imageTarget(figure.fileName)))\n")
        case .code(let text, let language):
            let body = text.hasSuffix("\n") ? text : text + "\n"
            let fence = ReportText.codeFence(for: body)
            output.write("\(fence)\(language)\n\(body)\(fence)\n")
        case .callout(let callout):
            output.write("## \(TextTable.markdownCell(callout.title))\n\n")
            for item in callout.items { output.write("- " + inline(item) + "\n") }
        }
    }

    /// Runs as Markdown. Outside tables, text and strong runs have `|` escaped and line breaks flattened (as
    /// `TextTable` does for a whole cell, so inside a table that is left to it); code survives backticks.
    package static func inline(_ runs: [Inline], inTable: Bool = false) -> String {
        let escape = { (text: String) in inTable ? text : TextTable.markdownCell(text) }
        return runs.map { run in
            switch run {
            case .text(let text): escape(text)
            case .strong(let text): "**\(escape(text))**"
            case .code(let text): ReportText.inlineCode(text)
            case .link(let text, let target): "[\(escape(text))](\(target))"
            }
        }.joined()
    }

    /// Alt text without the characters that would end it early.
    private static func imageText(_ text: String) -> String {
        TextTable.markdownCell(text).replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    /// The file name as a link target, in angle brackets when it has a space or parenthesis.
    private static func imageTarget(_ fileName: String) -> String {
        guard fileName.contains(where: { " ()<>".contains($0) }) else { return fileName }
        return "<" + fileName.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
    }
}
