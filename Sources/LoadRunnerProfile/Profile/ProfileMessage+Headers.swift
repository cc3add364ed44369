/// Messages about header values (and request-line text) that hold CR, LF or NUL, which would split a header into more lines
/// (or cut it short) on the wire. They name the header (by key path), the variable or the data row,
/// never the value: a variable's value may be a secret.
extension ProfileMessage {
    static let headerBreakReason = "holds a line break (CR/LF) or NUL, which would end the header early and send "
        + "the rest as another header or request"

    static let headerValueHasLineBreak = "\(headerBreakReason); write the value on one line"

    static let requestLineHasLineBreak = "holds a line break (CR/LF) or NUL, which would end the request line "
        + "early; write it on one line, percent-encoded (e.g. %0A)"

    static func headerVariableHasLineBreak(_ name: String) -> String {
        "uses ${\(name)}, whose value \(headerBreakReason); remove the line break from \(name) "
            + "(the value is not shown)"
    }

    /// `row` says where the value is, e.g. `users.csv line 4, column "name"` or `item 3`.
    static func headerDataHasLineBreak(_ written: String, source: String, row: String) -> String {
        "sends `\(written)`, but data.\(source) at \(row) \(headerBreakReason); remove it from the data, "
            + "or use that value only in a path, query or body"
    }

    static func csvRow(path: String, line: Int?, column: String?) -> String {
        let place = line.map { "\(path) line \($0)" } ?? path
        return column.map { "\(place), column \"\($0)\"" } ?? place
    }

    static func valuesItem(_ index: Int) -> String { "item \(index + 1)" }
}
