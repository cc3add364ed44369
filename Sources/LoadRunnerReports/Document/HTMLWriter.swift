import LoadRunnerText

/// Writes any `ReportDocument` as one self-contained HTML page: the inline style sheet (`HTMLWriter.style`),
/// SVG figures inline, no script and no external resource, so it opens offline and can be attached anywhere.
/// Every text is escaped; links show their text only (the page links nowhere).
package enum HTMLWriter {
    /// The whole page.
    package static func render(_ document: ReportDocument) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(document.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>

            """
        for block in document.blocks { page += html(block) }
        return page + "</body>\n</html>\n"
    }

    /// `text` safe in HTML content and in quoted attributes: `& < > " '` escaped.
    package static func escape(_ text: String) -> String {
        XMLText.escape(text)
    }

    /// One block, ending with a line break.
    static func html(_ block: Block) -> String {
        switch block {
        case .heading(let level, let runs):
            return "<h\(level)>\(inline(runs))</h\(level)>\n"
        case .paragraph(let runs):
            return "<p>\(inline(runs))</p>\n"
        case .table(let table):
            return html(table)
        case .list(let items):
            return list(items)
        case .figure(let figure):
            // The chart's own title (inside the SVG, also its accessible name) is its caption.
            return "<figure>\n\(figure.svg)</figure>\n"
        case .code(let text, _):
            return "<pre><code>\(escape(text))</code></pre>\n"
        case .callout(let callout):
            return "<section class=\"\(callout.severity.rawValue)s\">\n<h2>\(escape(callout.title))</h2>\n"
                + list(callout.items) + "</section>\n"
        }
    }

    /// Runs as HTML: escaped text, `<strong>`, `<code>`; a link as its text.
    static func inline(_ runs: [Inline]) -> String {
        runs.map { run in
            switch run {
            case .text(let text), .link(let text, _): escape(text)
            case .strong(let text): "<strong>\(escape(text))</strong>"
            case .code(let text): "<code>\(escape(text))</code>"
            }
        }.joined()
    }

    private static func list(_ items: [[Inline]]) -> String {
        "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// A table in a scrolling box; right-aligned columns get the `num` class.
    private static func html(_ table: ReportTable) -> String {
        func cell(_ tag: String, _ runs: [Inline], _ column: TextTable.Column) -> String {
            let attribute = column.alignment == .right ? " class=\"num\"" : ""
            return "<\(tag)\(attribute)>\(inline(runs))</\(tag)>"
        }
        var html = "<div class=\"table\">\n<table>\n<thead>\n<tr>"
        html += table.columns.map { cell("th", [.text($0.title)], $0) }.joined()
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            let cells = table.columns.indices.map { index in
                cell("td", index < row.count ? row[index] : [], table.columns[index])
            }
            html += "<tr>" + cells.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }
}
