import LoadRunnerModel
import LoadRunnerText

/// Splits text into literals and `{{ source }}` / `{{ source.column }}` references.
///
/// Spaces inside the braces are optional. A source name is a letter or `_` followed by letters,
/// digits, `_` or `-`; the column is everything after the first `.`, trimmed (CSV headers may hold
/// spaces). A lone `}}` is literal text; an unclosed `{{` is an error.
package enum TemplateParser {
    /// Why a text is not a valid template; `offset` counts characters from the start of the text.
    package enum Failure: Error, Sendable, Equatable {
        /// `{{` with no `}}` after it.
        case unclosed(offset: Int)
        /// `{{ }}` with nothing inside.
        case emptyReference(offset: Int)
        /// The inside is not `name` or `name.column`; carries the inside as written.
        case invalidReference(String, offset: Int)
    }

    /// Parses `text`; adjacent literals are merged and empty ones dropped.
    package static func parse(_ text: String) -> Result<Template, Failure> {
        var segments: [Template.Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            literal += rest[..<open.lowerBound]
            let offset = text.distance(from: text.startIndex, to: open.lowerBound)
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { return .failure(.unclosed(offset: offset)) }
            let inside = String(afterOpen[..<close.lowerBound]).trimmingWhitespace()
            switch reference(inside, offset: offset) {
            case .failure(let failure):
                return .failure(failure)
            case .success(let segment):
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(segment)
            }
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return .success(Template(segments: segments))
    }

    /// True for a valid data source name: what `{{ name }}` may refer to.
    package static func isValidSourceName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || isASCIILetter($0) || isASCIIDigit($0) }
    }

    private static func reference(_ inside: String, offset: Int) -> Result<Template.Segment, Failure> {
        guard !inside.isEmpty else { return .failure(.emptyReference(offset: offset)) }
        let parts = inside.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let source = String(parts[0]).trimmingWhitespace()
        let column = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : nil
        guard isValidSourceName(source), column.map({ !$0.isEmpty && !$0.contains("{{") }) ?? true else {
            return .failure(.invalidReference(inside, offset: offset))
        }
        return .success(.reference(source: source, column: column))
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
