/// Text with `{{ source }}` / `{{ source.column }}` references, parsed once.
public struct Template: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        /// A reference to a data source, and for CSV (or object) sources the column.
        case reference(source: String, column: String?)
    }

    public var segments: [Segment]
    public init(segments: [Segment]) { self.segments = segments }

    /// A template with no references.
    public static func literal(_ text: String) -> Template {
        Template(segments: text.isEmpty ? [] : [.literal(text)])
    }

    /// True when the template has no references (can be rendered once and reused).
    public var isConstant: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }
}
