/// Text with `{{ source }}` / `{{ source.column }}` references to data sources and `{{ name }}` references to a
/// user's captured variables, parsed once.
package struct Template: Sendable, Equatable {
    package enum Segment: Sendable, Equatable {
        case literal(String)
        /// A reference to a data source, and for CSV (or object) sources the column.
        case reference(source: String, column: String?)
        /// A per-user variable a `capture:` of an earlier response of the same user set.
        case variable(String)
    }

    package var segments: [Segment]
    package init(segments: [Segment]) { self.segments = segments }

    /// A template with no references.
    package static func literal(_ text: String) -> Template {
        Template(segments: text.isEmpty ? [] : [.literal(text)])
    }

    /// The captured variables the template uses, each once, in order.
    package var variableNames: [String] {
        var names: [String] = []
        for case .variable(let name) in segments where !names.contains(name) { names.append(name) }
        return names
    }

    /// True when the template has no references (can be rendered once and reused).
    package var isConstant: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }
}
