import Foundation
import LoadRunnerText

/// A CSV file read whole: the header row's column names and the data rows.
///
/// RFC 4180: fields separated by `,`, records by CRLF or LF; a field in double quotes may hold
/// commas, line breaks and `""` (one quote). A UTF-8 byte-order mark is stripped; blank lines are
/// skipped. Every row must have as many fields as the header.
package struct CSVTable: Sendable, Equatable {
    package var columns: [String]
    package var rows: [[String]]
    /// The 1-based file line each row starts on, for messages (empty for a table not read from text).
    package var rowLines: [Int]

    package init(columns: [String], rows: [[String]], rowLines: [Int] = []) {
        self.columns = columns
        self.rows = rows
        self.rowLines = rowLines
    }

    /// Reads the file at `path` through `files` and parses it; throws `CSVTableError` naming the file and line.
    package static func load(path: String, files: any ProfileFiles) throws -> CSVTable {
        let data: Data
        do {
            data = try files.contents(atPath: path)
        } catch .missing {
            throw CSVTableError(path: path, line: nil, message: ProfileMessage.csvFileMissing)
        } catch .folder {
            throw CSVTableError(path: path, line: nil, message: ProfileMessage.csvIsFolder)
        } catch .unreadable(let error) {
            throw CSVTableError(path: path, line: nil, message: ProfileMessage.csvUnreadable(error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVTableError(path: path, line: nil, message: ProfileMessage.csvNotUTF8)
        }
        return try parse(text, path: path)
    }

    /// Parses CSV text; `path` is used only in error messages.
    package static func parse(_ text: String, path: String) throws -> CSVTable {
        var reader = CSVRecordReader(text: text, path: path)
        var records = try reader.readAll()
        guard !records.isEmpty else {
            throw CSVTableError(path: path, line: nil, message: ProfileMessage.csvEmpty)
        }
        let header = records.removeFirst()
        try checkHeader(header, path: path)
        for record in records where record.fields.count != header.fields.count {
            throw CSVTableError(
                path: path, line: record.line,
                message: ProfileMessage.csvFieldCount(found: record.fields.count, expected: header.fields.count)
            )
        }
        return CSVTable(columns: header.fields, rows: records.map(\.fields), rowLines: records.map(\.line))
    }

    private static func checkHeader(_ header: CSVRecordReader.Record, path: String) throws {
        var seen: Set<String> = []
        for (index, name) in header.fields.enumerated() {
            guard !name.trimmingWhitespace().isEmpty else {
                throw CSVTableError(path: path, line: header.line, message: ProfileMessage.csvEmptyColumnName(index + 1))
            }
            guard seen.insert(name).inserted else {
                throw CSVTableError(path: path, line: header.line, message: ProfileMessage.csvDuplicateColumn(name))
            }
        }
    }
}

/// Why a CSV file could not be used; `description` is `path:line: message`.
package struct CSVTableError: Error, Sendable, Equatable, CustomStringConvertible {
    package var path: String
    /// 1-based line where the faulty record starts; nil for problems with the whole file.
    package var line: Int?
    package var message: String

    package init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    package var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
