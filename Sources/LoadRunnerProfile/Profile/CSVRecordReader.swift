/// Splits CSV text into records of fields, tracking the line each record starts on.
///
/// Works on Unicode scalars so that CRLF is two scalars (as a `Character` it would be one).
struct CSVRecordReader {
    /// One record and the 1-based line it starts on.
    struct Record: Equatable {
        var fields: [String]
        var line: Int
    }

    private let scalars: [Unicode.Scalar]
    private let path: String
    private var index = 0
    private var line = 1

    init(text: String, path: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        self.path = path
    }

    /// All non-blank records in order.
    mutating func readAll() throws -> [Record] {
        var records: [Record] = []
        while index < scalars.count {
            let record = try readRecord()
            let isBlank = record.fields.count == 1 && record.fields[0].isEmpty
            if !isBlank { records.append(record) }
        }
        return records
    }

    private mutating func readRecord() throws -> Record {
        let startLine = line
        var fields: [String] = []
        while true {
            let field = try readField()
            fields.append(field)
            guard index < scalars.count else { break }
            let separator = scalars[index]
            index += 1
            if separator == "," { continue }
            // The separator is a line break: CRLF, LF or a lone CR.
            if separator == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            line += 1
            break
        }
        return Record(fields: fields, line: startLine)
    }

    /// Reads one field and stops before the `,` or line break that ends it.
    private mutating func readField() throws -> String {
        var field = String.UnicodeScalarView()
        guard index < scalars.count, scalars[index] == "\"" else {
            while index < scalars.count, !isFieldEnd(scalars[index]) {
                if scalars[index] == "\"" {
                    throw CSVTableError(path: path, line: line, message: ProfileMessage.csvStrayQuote)
                }
                field.append(scalars[index])
                index += 1
            }
            return String(field)
        }
        let openingLine = line
        index += 1
        while true {
            guard index < scalars.count else {
                throw CSVTableError(path: path, line: openingLine, message: ProfileMessage.csvUnclosedQuote)
            }
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" {
                if index < scalars.count, scalars[index] == "\"" {
                    field.append("\"")
                    index += 1
                    continue
                }
                guard index == scalars.count || isFieldEnd(scalars[index]) else {
                    throw CSVTableError(path: path, line: line, message: ProfileMessage.csvTextAfterQuote)
                }
                return String(field)
            }
            if scalar == "\n" || (scalar == "\r" && (index == scalars.count || scalars[index] != "\n")) {
                line += 1
            }
            field.append(scalar)
        }
    }

    private func isFieldEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\n" || scalar == "\r"
    }
}
