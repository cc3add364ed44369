import LoadRunnerModel

/// A template with its references resolved to source and column indices, ready to render per request.
struct CompiledTemplate: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case value(source: Int, column: Int)
        /// A captured variable, by its index in `VariableNames`.
        case variable(Int)
    }

    let pieces: [Piece]
    /// Whether values are URL-encoded (paths and queries) or inserted raw (bodies and headers).
    let encoded: Bool

    var isConstant: Bool { pieces.allSatisfy { if case .literal = $0 { true } else { false } } }

    /// The sources the template takes values from, in the order it first names them.
    var sourceIndices: [Int] {
        var indices: [Int] = []
        for case .value(let source, _) in pieces where !indices.contains(source) { indices.append(source) }
        return indices
    }

    /// Resolves `template`'s references against `sources` and its variables against `variables` (`VariableNames`).
    init(_ template: Template, sources: [SourceValues], variables: [String] = [], encoded: Bool) throws(EngineError) {
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
                guard let index = variables.firstIndex(of: name) else { throw .dataSource(Messages.unknownSource(name)) }
                pieces.append(.variable(index))
            }
        }
        self.pieces = pieces
    }

    /// Appends the rendered text to `output`, using (and filling) `rows`, the row picked per source
    /// for this request, so every reference to one source in a request uses the same row. A row not picked yet
    /// (-1: a `random` source) is drawn from `random` (`RowPicker.randomRow`). Returns the index of a variable
    /// this user has no value for yet (rendering stops there); nil when all were rendered.
    @discardableResult
    func render(into output: inout String, sources: [SourceValues], rows: inout [Int], random: inout RandomSource,
                variables: UserVariables = .none) -> Int? {
        for piece in pieces {
            switch piece {
            case .literal(let text):
                output += text
            case .variable(let index):
                guard let value = variables[index] else { return index }
                output += encoded ? URLEncoding.encode(value) : value
            case .value(let sourceIndex, let column):
                let source = sources[sourceIndex]
                switch source.values {
                case .range(let range):
                    // Validated bounds (ProfileLimits.maxRangeMagnitude) keep the offset below Int.max, so it
                    // is never taken for the "not drawn yet" -1.
                    if rows[sourceIndex] < 0 { rows[sourceIndex] = Int(truncatingIfNeeded: source.picker.randomRow(using: &random)) }
                    output += String(range.value(atOffset: UInt64(truncatingIfNeeded: rows[sourceIndex])))
                case .table(let table):
                    if rows[sourceIndex] < 0 { rows[sourceIndex] = Int(source.picker.randomRow(using: &random)) }
                    table.append(row: rows[sourceIndex], column: column, to: &output, urlEncoded: encoded)
                }
            }
        }
        return nil
    }
}
