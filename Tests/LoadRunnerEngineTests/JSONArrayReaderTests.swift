@testable import LoadRunnerEngine
import Testing

/// The streaming reader behind `fetch` sources: what it keeps, and where it says a body is wrong.
@Suite struct JSONArrayReaderTests {
    /// Reads `json` and returns the table as rows of text (every column of every row).
    private func rows(_ json: String) throws -> (columns: [String], rows: [[String]]) {
        let table = try Array(json.utf8).withUnsafeBufferPointer { body in try JSONArrayReader.read(body) }
        let rows = (0..<table.rowCount).map { row in table.columns.indices.map { table.text(row: row, column: $0) } }
        return (table.columns, rows)
    }

    private func error(_ json: String) -> JSONArrayError? {
        do {
            _ = try Array(json.utf8).withUnsafeBufferPointer { body in try JSONArrayReader.read(body) }
            return nil
        } catch {
            return error as? JSONArrayError
        }
    }

    @Test func scalarsFormOneColumnKeptAsWritten() throws {
        let table = try rows(#" [ "a", 2, -0.50e+3, true, false, null, 12345678901234567890123 ] "#)
        #expect(table.columns == [""])
        #expect(table.rows == [["a"], ["2"], ["-0.50e+3"], ["true"], ["false"], [""], ["12345678901234567890123"]])
    }

    @Test func objectsFormOneColumnPerKeyAndMissingKeysAreEmpty() throws {
        let table = try rows(#"[{"id": "x", "n": 1}, {"n": 2, "id": "y"}, {"id": "z"}, {"extra": [1, {"a": null}], "id": "w"}]"#)
        #expect(table.columns == ["id", "n", "extra"])
        #expect(table.rows == [["x", "1", ""], ["y", "2", ""], ["z", "", ""], ["w", "", #"[1, {"a": null}]"#]])
    }

    @Test func theDefaultColumnIsTheFirstByName() throws {
        let source = try Array(#"[{"zeta": 1, "alpha": 2}]"#.utf8).withUnsafeBufferPointer { body in
            try FetchedArray.parse(body, sourceName: "s", url: "u")
        }
        #expect(source.columnIndex(nil) == 1 && source.columnIndex("zeta") == 0 && source.columnIndex("missing") == nil)
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        #expect(try rows(#"[{"a": 1, "a": 2}]"#).rows == [["2"]])
    }

    @Test func nestedValuesInAScalarArrayAreKeptAsTheirJSONText() throws {
        #expect(try rows(#"[[1,2], {"k": "v"}, "s"]"#).rows == [["[1,2]"], [#"{"k": "v"}"#], ["s"]])
    }

    @Test func escapesAreDecoded() throws {
        let table = try rows(#"["q\"b\\s\/ \b\f\n\r\t", "\u00e9\u4e2d", "\ud83d\ude00", "Zoë", "\u0041"]"#)
        #expect(table.rows == [["q\"b\\s/ \u{8}\u{C}\n\r\t"], ["é中"], ["😀"], ["Zoë"], ["A"]])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try rows("\u{FEFF}[1]").rows == [["1"]])
    }

    @Test func anEmptyStringIsAnEmptyValue() throws {
        #expect(try rows(#"["", "x"]"#).rows == [[""], ["x"]])
    }

    @Test(arguments: [
        ("", 0, "the body is empty"),
        ("  ", 2, "the body is empty"),
        (#"{"a": 1}"#, 0, #"it starts with "{", not "[""#),
        ("[]", 1, "the array is empty; the source needs at least one value"),
        ("[1 2]", 3, #"expected "," or "]" after element 0, found "2""#),
        ("[1,]", 3, #"expected a value, found "]""#),
        ("[1", 2, #"expected "," or "]" after element 0, found the end of the body"#),
        ("[1] x", 4, #"there is more text after the closing "]""#),
        ("[01]", 2, #"expected "," or "]" after element 0, found "1""#),
        ("[1.]", 3, #"a number needs a digit here, found "]""#),
        ("[-]", 2, #"a number needs a digit here, found "]""#),
        ("[1e]", 3, #"a number needs a digit here, found "]""#),
        ("[tru]", 1, #"expected a value, found "t""#),
        (#"["abc"#, 5, "a string is not closed before the end of the body"),
        ("[\"a\u{1}\"]", 3, "a string contains byte 0x1, which must be escaped"),
        (#"["a\x"]"#, 3, #"a backslash followed by "x" is not a JSON escape"#),
        (#"["\u12G4"]"#, 6, #"a \u escape needs four hex digits, found "G""#),
        (#"["\ud83d"]"#, 2, #"\uD83D is half of a surrogate pair without its other half"#),
        (#"["\ude00"]"#, 2, #"\uDE00 is half of a surrogate pair without its other half"#),
        (#"[{"a": 1}, 2]"#, 11, #"element 1 starts with "2", but the array started with objects; every element must be an object"#),
        (#"[{"a" 1}]"#, 6, #"expected ":" after key "a", found "1""#),
        (#"[{a: 1}]"#, 2, #"expected a quoted key in object 0, found "a""#),
        (#"[{"a": 1 "b": 2}]"#, 9, "expected \",\" or \"}\" in object 0, found \"\"\""),
        (#"[[1, 2}]"#, 6, #"expected "," or "]", found "}""#),
    ] as [(String, Int, String)])
    func errorsSayWhatAndAtWhichByte(body: String, offset: Int, message: String) {
        #expect(error(body) == JSONArrayError(offset: offset, message: message))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep = "[" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "]"
        #expect(error(deep)?.message == "values are nested deeper than 256 levels")
        let fine = "[" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "]"
        #expect(error(fine) == nil)
    }

    @Test func fetchErrorsNameTheSourceTheURLAndTheOffset() {
        #expect(throws: EngineError.dataSource(
            #"data.ids: http://x/ids answered invalid JSON at byte 0: it starts with "n", not "["; it must return a JSON array"#
        )) {
            try Array("not json".utf8).withUnsafeBufferPointer { try FetchedArray.parse($0, sourceName: "ids", url: "http://x/ids") }
        }
    }

    /// 100,000 uuids (the seed experiment's `/user/get-ids?number=100000`): kept in one buffer of
    /// 36 bytes per value plus a 4-byte end each, instead of 100,000 Strings.
    @Test func aHundredThousandIdsAreStoredCompactly() throws {
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<100_000).map { _ in randomUUID(&generator) }
        let json = "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let table = try Array(json.utf8).withUnsafeBufferPointer { try JSONArrayReader.read($0) }
        #expect(table.rowCount == 100_000 && table.ends.count == 100_000 && table.rowStarts == nil)
        #expect(table.bytes.count == 36 * 100_000)
        #expect(table.text(row: 99_999, column: 0) == ids[99_999])
    }
}

/// A random version-4 UUID as lower-case text, without Foundation.
private func randomUUID(_ generator: inout some RandomNumberGenerator) -> String {
    let hex = Array("0123456789abcdef")
    var text = ""
    for index in 0..<32 {
        if [8, 12, 16, 20].contains(index) { text.append("-") }
        text.append(hex[Int(generator.next(upperBound: UInt8(16)))])
    }
    return text
}

/// `{{ name }}` without a column: a CSV file's first column, as before fetched tables were compact.
@Suite struct ValueTableDefaultColumnTests {
    @Test func aCSVTablesDefaultColumnIsItsFirst() {
        let source = SourceValues.table(name: "n", columns: ["zeta", "alpha"], rows: [["z", "a"]])
        #expect(source.columnIndex(nil) == 0)
    }
}
