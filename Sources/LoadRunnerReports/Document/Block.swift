import LoadRunnerText

/// One block of a report document; writers render every kind (`MarkdownWriter`, `HTMLWriter`, `ConsoleWriter`).
package enum Block: Sendable, Equatable {
    /// A heading; level 1 is the document's title.
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    case table(ReportTable)
    /// A bullet list, one item per entry.
    case list([[Inline]])
    case figure(Figure)
    /// Preformatted text, e.g. the profile; `language` labels a Markdown fence (`yaml`).
    case code(String, language: String)
    /// Things a reader must see first, under a heading of their own.
    case callout(Callout)

    /// `.heading(level:)` with plain text.
    package static func heading(_ level: Int, _ text: String) -> Block { .heading(level: level, [.text(text)]) }

    /// `.paragraph` with plain text.
    package static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }
}

/// A table of inline cells; right-aligned columns hold numbers.
package struct ReportTable: Sendable, Equatable {
    package var columns: [TextTable.Column]
    /// Rows of cells; a short row is padded with empty cells.
    package var rows: [[[Inline]]] = []

    package init(columns: [TextTable.Column]) { self.columns = columns }

    /// Appends a row of plain cells.
    package mutating func append(_ cells: [String]) { rows.append(cells.map { [.text($0)] }) }

    /// Appends a row of cells with markup.
    package mutating func append(cells: [[Inline]]) { rows.append(cells) }
}

/// A chart: its SVG, shown inline in HTML and linked from Markdown as the file it is written to.
package struct Figure: Sendable, Equatable {
    /// The caption (Markdown alt text); the SVG carries it as its own title too.
    package var title: String
    package var fileName: String
    package var svg: String

    package init(title: String, fileName: String, svg: String) {
        self.title = title
        self.fileName = fileName
        self.svg = svg
    }
}

/// A titled list of things to heed, such as the run's warnings; the console prints each as a `warning:` line.
package struct Callout: Sendable, Equatable {
    /// How serious the items are; only `warning` exists today.
    package enum Severity: String, Sendable, Equatable {
        case warning
    }

    package var severity: Severity
    package var title: String
    package var items: [[Inline]]

    package init(_ severity: Severity, title: String, items: [[Inline]]) {
        self.severity = severity
        self.title = title
        self.items = items
    }
}

/// A report as blocks, with the title a page shows in its window.
package struct ReportDocument: Sendable, Equatable {
    package var title: String
    package var blocks: [Block]

    package init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }
}
