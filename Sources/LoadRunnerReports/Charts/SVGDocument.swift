import LoadRunnerText

/// Builds one SVG document as text: elements in drawing order, every attribute value and text escaped,
/// every number printed with at most 2 decimals through `ReportNumber`, so the same chart is always the same bytes.
///
/// The document has no XML declaration and uses no `id`s, so several can be inlined in one HTML page.
package struct SVGDocument: Sendable, Equatable {
    /// An attribute's name and value (unescaped).
    package typealias Attribute = (name: String, value: String)

    /// Size in pixels (user units); also the `viewBox`.
    package var width: Double
    package var height: Double
    /// The accessible title (`<title>` and `aria-label`).
    package var title: String
    private var lines: [String] = []

    /// An empty document with a white background, so it reads on a dark page too.
    package init(width: Double, height: Double, title: String, background: String = ChartStyle.background) {
        self.width = width
        self.height = height
        self.title = title
        rect(x: 0, y: 0, width: width, height: height, fill: background)
    }

    /// Adds `<name attributes>text</name>`, or `<name attributes/>` when `text` is nil.
    package mutating func element(_ name: String, _ attributes: [Attribute], text: String? = nil) {
        let start = "<" + name + Self.attributes(attributes)
        if let text {
            append(start + ">" + Self.escape(text) + "</" + name + ">")
        } else {
            append(start + "/>")
        }
    }

    /// The finished document, ending with a line break.
    package var rendered: String {
        let header = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "role=\"img\" aria-label=\"\(Self.escape(title))\" font-family=\"\(ChartStyle.fontFamily)\">\n"
            + "  <title>\(Self.escape(title))</title>\n"
        return header + lines.joined(separator: "\n") + "\n</svg>\n"
    }

    /// A coordinate or length: at most 2 decimals, trailing zeros dropped (`12`, `12.5`, `12.25`).
    package static func number(_ value: Double) -> String {
        ReportNumber.trimmed(value, maxDecimals: 2)
    }

    /// `text` safe inside an element or a quoted attribute (see `XMLText.escape`).
    package static func escape(_ text: String) -> String { XMLText.escape(text) }

    private mutating func append(_ line: String) {
        lines.append("  " + line)
    }

    private static func attributes(_ attributes: [Attribute]) -> String {
        attributes.map { " \($0.name)=\"\(escape($0.value))\"" }.joined()
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.title == rhs.title && lhs.lines == rhs.lines
    }
}
