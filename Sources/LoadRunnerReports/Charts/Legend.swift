/// A chart's key: one entry per series (and per shading), laid out in rows above the plot so it never
/// covers data.
package struct Legend: Sendable, Equatable {
    /// What an entry's sample looks like.
    package enum Swatch: Sendable, Equatable {
        /// A short line with the series' dash and a marker.
        case line(SeriesStyle)
        /// A small bar in the series' fill.
        case bar(SeriesStyle)
        /// A shaded area of this fill (warm-up windows).
        case band(fill: String)
        /// A short vertical rule with a flag on top (action markers).
        case rule(RuleStyle)
    }

    /// One entry: its sample and its label.
    package struct Entry: Sendable, Equatable {
        package var label: String
        package var swatch: Swatch
        package init(label: String, swatch: Swatch) {
            self.label = label
            self.swatch = swatch
        }
    }

    package var entries: [Entry]
    package static let fontSize = 12.0
    package static let rowHeight = 20.0
    private static let swatchWidth = 30.0
    private static let gap = 22.0

    package init(entries: [Entry]) { self.entries = entries }

    /// The entries' left offsets, in rows that fit in `width`; an entry wider than `width` gets a row of its own.
    func rows(width: Double) -> [[(entry: Entry, x: Double)]] {
        var rows: [[(entry: Entry, x: Double)]] = []
        var current: [(entry: Entry, x: Double)] = []
        var x = 0.0
        for entry in entries {
            let entryWidth = Self.swatchWidth + 6 + ChartStyle.textWidth(entry.label, size: Self.fontSize)
            if !current.isEmpty, x + entryWidth > width {
                rows.append(current)
                current = []
                x = 0
            }
            current.append((entry, x))
            x += entryWidth + Self.gap
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Height the legend takes when laid out in `width`.
    func height(width: Double) -> Double { Double(rows(width: width).count) * Self.rowHeight }

    /// Draws the legend with its first row's centre line at `y`, starting at `x`.
    func draw(into document: inout SVGDocument, x: Double, y: Double, width: Double) {
        for (rowIndex, row) in rows(width: width).enumerated() {
            let middle = y + Double(rowIndex) * Self.rowHeight
            for (entry, offset) in row {
                let left = x + offset
                drawSwatch(entry.swatch, into: &document, left: left, middle: middle)
                document.text(
                    entry.label, x: left + Self.swatchWidth + 6, y: middle + Self.fontSize * 0.35, size: Self.fontSize)
            }
        }
    }

    private func drawSwatch(_ swatch: Swatch, into document: inout SVGDocument, left: Double, middle: Double) {
        switch swatch {
        case .line(let style):
            document.line(
                x1: left, y1: middle, x2: left + Self.swatchWidth, y2: middle, stroke: style.color, width: 2.5,
                dash: style.dash)
            document.marker(x: left + Self.swatchWidth / 2, y: middle, style: style)
        case .bar(let style):
            document.rect(
                x: left + 6, y: middle - 6, width: Self.swatchWidth - 12, height: 12, fill: style.barFill,
                stroke: style.color, strokeWidth: 1.5)
        case .band(let fill):
            document.rect(
                x: left + 3, y: middle - 7, width: Self.swatchWidth - 6, height: 14, fill: fill, stroke: ChartStyle.muted,
                strokeWidth: 0.5)
        case .rule(let style):
            let x = left + Self.swatchWidth / 2
            document.line(x1: x, y1: middle - 8, x2: x, y2: middle + 8, stroke: style.color, width: style.width, dash: style.dash)
            document.flag(x: x, top: middle - 8, color: style.color)
        }
    }
}
