import Foundation
import LoadRunnerText

/// Turns the Markdown LoadRunner itself writes (headings, paragraphs, bullet lists, pipe tables, fenced
/// code, `![title](file.svg)` images, inline code and bold) into one self-contained HTML page, with each
/// referenced SVG inlined. Used for `report.html` of a comparison, so it shows exactly what `compare.md`
/// says. Not a general Markdown renderer: it only needs to read our own output.
package enum MarkdownHTML {
    /// The whole page; `images` maps a file name used in `![...](file)` to its SVG text.
    package static func page(title: String, markdown: String, images: [String: String]) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(XMLText.escape(title))</title>
            <style>
            \(HTMLReport.style)
            </style>
            </head>
            <body>

            """
        html += body(markdown, images: images)
        return html + "</body>\n</html>\n"
    }

    /// The HTML of the Markdown blocks.
    static func body(_ markdown: String, images: [String: String]) -> String {
        var html = ""
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.first {
            if line.hasPrefix("```") {
                lines.removeFirst()
                var code: [String] = []
                while let next = lines.first, !next.hasPrefix("```") { code.append(next); lines.removeFirst() }
                if !lines.isEmpty { lines.removeFirst() }
                html += "<pre><code>\(XMLText.escape(code.joined(separator: "\n")))</code></pre>\n"
            } else if let level = headingLevel(line) {
                lines.removeFirst()
                html += "<h\(level)>\(inline(String(line.dropFirst(level + 1))))</h\(level)>\n"
            } else if line.hasPrefix("|") {
                var rows: [String] = []
                while let next = lines.first, next.hasPrefix("|") { rows.append(next); lines.removeFirst() }
                html += table(rows)
            } else if line.hasPrefix("- ") {
                html += "<ul>\n"
                while let next = lines.first, next.hasPrefix("- ") {
                    html += "<li>\(inline(String(next.dropFirst(2))))</li>\n"
                    lines.removeFirst()
                }
                html += "</ul>\n"
            } else if let image = image(line) {
                lines.removeFirst()
                html += images[image.file].map { "<figure>\n\($0)</figure>\n" }
                    ?? "<p>\(XMLText.escape(image.title)) (\(XMLText.escape(image.file)))</p>\n"
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.removeFirst()
            } else {
                var paragraph: [String] = []
                while let next = lines.first, !next.trimmingCharacters(in: .whitespaces).isEmpty, !startsBlock(next) {
                    paragraph.append(next)
                    lines.removeFirst()
                }
                html += "<p>\(inline(paragraph.joined(separator: " ")))</p>\n"
            }
        }
        return html
    }

    private static func startsBlock(_ line: String) -> Bool {
        line.hasPrefix("```") || line.hasPrefix("|") || line.hasPrefix("- ") || headingLevel(line) != nil || image(line) != nil
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return (1...4).contains(hashes) && line.dropFirst(hashes).hasPrefix(" ") ? hashes : nil
    }

    private static func image(_ line: String) -> (title: String, file: String)? {
        guard line.hasPrefix("!["), line.hasSuffix(")"), let middle = line.range(of: "](") else { return nil }
        let title = String(line[line.index(line.startIndex, offsetBy: 2)..<middle.lowerBound])
        let file = String(line[middle.upperBound..<line.index(before: line.endIndex)])
        return (title, file)
    }

    /// A pipe table; the second row (`| --- |`) only marks the header and is dropped.
    private static func table(_ rows: [String]) -> String {
        func cells(_ row: String) -> [String] {
            var text = row.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("|") { text.removeFirst() }
            if text.hasSuffix("|") { text.removeLast() }
            // `\|` is an escaped pipe inside a cell.
            return text.replacingOccurrences(of: "\\|", with: "\u{0}").split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\u{0}", with: "|").trimmingCharacters(in: .whitespaces) }
        }
        var html = "<table>\n"
        for (index, row) in rows.enumerated() where index != 1 {
            let tag = index == 0 ? "th" : "td"
            html += "<tr>" + cells(row).map { "<\(tag)>\(inline($0))</\(tag)>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// Escapes the text, then renders `code`, **bold** and [text](link) (as text: the page links nowhere).
    static func inline(_ text: String) -> String {
        var html = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                html += "<code>\(XMLText.escape(String(rest[rest.index(after: rest.startIndex)..<end])))</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                html += "<strong>\(inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])))</strong>"
                rest = rest[end.upperBound...]
            } else if character == "[", let close = rest.firstIndex(of: "]"),
                      rest[rest.index(after: close)...].hasPrefix("("), let end = rest[close...].firstIndex(of: ")") {
                html += inline(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: end)...]
            } else {
                html += XMLText.escape(String(character))
                rest = rest.dropFirst()
            }
        }
        return html
    }
}
