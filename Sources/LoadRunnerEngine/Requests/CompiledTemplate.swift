import LoadRunnerModel

/// A template with its references resolved to source and column indices, ready to render per request.
struct CompiledTemplate: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case value(source: Int, column: Int)
    }

    let pieces: [Piece]
    /// Whether values are URL-encoded (paths and queries) or inserted raw (bodies and headers).
    let encoded: Bool

    var isConstant: Bool { pieces.allSatisfy { if case .literal = $0 { true } else { false } } }

    init(_ template: Template, sources: [SourceValues], encoded: Bool) throws(EngineError) {
        self.encoded = encoded
        var pieces: [Piece] = []
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                pieces.append(.literal(text))
            case .reference(let name, let column):
                guard let source = sources.firstIndex(where: { $0.name == name }) else {
                    throw .dataSource(Messages.unknownSource(name))
                }
                guard let columnIndex = sources[source].columnIndex(column) else {
                    throw .dataSource(Messages.fetchedColumnMissing(name, column: column ?? ""))
                }
                pieces.append(.value(source: source, column: columnIndex))
            case .variable(let name):
                // Captured variables are rendered from the user's own values (issue 13, in progress).
                throw .dataSource(Messages.unknownSource(name))
            }
        }
        self.pieces = pieces
    }

    /// Appends the rendered text to `output`, using (and filling) `rows`, the row picked per source
    /// for this request, so every reference to one source in a request uses the same row.
    func render(into output: inout String, sources: [SourceValues], rows: inout [Int], random: inout RandomSource) {
        for piece in pieces {
            switch piece {
            case .literal(let text):
                output += text
            case .value(let sourceIndex, let column):
                let source = sources[sourceIndex]
                switch source.values {
                case .range(let range):
                    // Validated bounds (ProfileLimits.maxRangeMagnitude) keep the offset below Int.max, so it
                    // is never taken for the "not drawn yet" -1.
                    if rows[sourceIndex] < 0 { rows[sourceIndex] = Int(truncatingIfNeeded: random.offset(in: range)) }
                    output += String(range.value(atOffset: UInt64(truncatingIfNeeded: rows[sourceIndex])))
                case .table(let table):
                    if rows[sourceIndex] < 0 { rows[sourceIndex] = Int(random.next(upperBound: UInt64(table.rowCount))) }
                    table.append(row: rows[sourceIndex], column: column, to: &output, urlEncoded: encoded)
                }
            }
        }
    }
}
