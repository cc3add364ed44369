/// Text with `{{ source }}` / `{{ source.column }}` references, parsed once.
package struct Template: Sendable, Equatable {
    package enum Segment: Sendable, Equatable {
        case literal(String)
        /// A reference to a data source, and for CSV (or object) sources the column.
        case reference(source: String, column: String?)
    }

    package var segments: [Segment]
    package init(segments: [Segment]) { self.segments = segments }

    /// A template with no references.
    package static func literal(_ text: String) -> Template {
        Template(segments: text.isEmpty ? [] : [.literal(text)])
    }

    /// True when the template has no references (can be rendered once and reused).
    package var isConstant: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }
}
