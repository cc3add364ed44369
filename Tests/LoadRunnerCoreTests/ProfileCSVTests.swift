import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `CSVTable`: RFC 4180 quoting, line ends, BOM, and errors that name the file and line.
@Suite("Profile CSV tables")
struct ProfileCSVTests {
    @Test func plainLFFile() throws {
        let table = try CSVTable.parse("a,b\n1,2\n3,4\n", path: "t.csv")
        #expect(table == CSVTable(columns: ["a", "b"], rows: [["1", "2"], ["3", "4"]], rowLines: [2, 3]))
    }

    @Test func noTrailingNewlineAndBlankLinesSkipped() throws {
        let table = try CSVTable.parse("a,b\n\n1,2\n\n3,4", path: "t.csv")
        #expect(table.rows == [["1", "2"], ["3", "4"]])
    }

    @Test func quotesHoldCommasQuotesAndLineBreaks() throws {
        let table = try CSVTable.parse("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\nx,\"two\nlines\"\ny,\"\"\n", path: "t.csv")
        #expect(table.rows == [["Smith, J", "said \"hi\""], ["x", "two\nlines"], ["y", ""]])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let table = try CSVTable.parse("a,b,c\n,,\n1,,3\n", path: "t.csv")
        #expect(table.rows == [["", "", ""], ["1", "", "3"]])
    }

    @Test func bomAndCRLFFromFile() throws {
        let table = try CSVTable.load(path: ProfileFixtures.directory + "/data/bom-crlf.csv", files: DiskFiles())
        #expect(table.columns == ["id", "note"])
        #expect(table.rows == [["1", "said \"hi\", then left"], ["2", "two\r\nlines"]])
    }

    @Test(arguments: [
        ("", nil as Int?, "is empty; the first line must be a header such as `first_name,last_name`"),
        ("a,b\n1,2\n3\n", 3, "row has 1 field but the header has 2; quote fields that contain commas"),
        ("a,b\n1,\"open\n2,3\n", 2, "a quoted field starting on this line is never closed; add the closing quote"),
        ("a\nx\"y\n", 2, "a field has a quote (\") inside it; quote the whole field and double the inner quote (\"\")"),
        ("a\n\"x\"y\n", 2, "text follows a closing quote; quote the whole field and write inner quotes as \"\""),
        ("a,,c\n1,2,3\n", 1, "column 2 of the header has no name; name every column"),
        ("a,a\n1,2\n", 1, "the header names column `a` twice; column names must be unique"),
        ("a,b\r\n1,2\r\n\"3\r\n4\",5,6\r\n", 3, "row has 3 fields but the header has 2; quote fields that contain commas"),
    ])
    func errorsNameTheLine(text: String, line: Int?, message: String) {
        #expect(throws: CSVTableError(path: "t.csv", line: line, message: message)) {
            try CSVTable.parse(text, path: "t.csv")
        }
    }

    @Test func missingFileErrorNamesThePath() {
        #expect(throws: CSVTableError(path: "/nope/x.csv", line: nil,
                                      message: "file not found (csv paths are relative to the profile's folder)")) {
            try CSVTable.load(path: "/nope/x.csv", files: DiskFiles())
        }
        #expect(CSVTableError(path: "d.csv", line: 4, message: "m").description == "d.csv:4: m")
    }

    @Test func singleColumnCSVNeedsNoColumnInTemplates() throws {
        let yaml = ProfileFixtures.minimal.replacingOccurrences(of: "path: /", with: #"path: "/{{ w }}""#)
            + "\ndata: { w: { csv: data/words.csv } }"
        let profile = try ProfileFixtures.load(yaml)
        #expect(profile.requests[0].path.segments == [.literal("/"), .reference(source: "w", column: nil)])
    }

    @Test func malformedCSVIsReportedWithItsLineAtTheDataKey() {
        let problems = ProfileFixtures.problems(ProfileFixtures.minimal + "\ndata: { x: { csv: data/bom-crlf.csv } }")
        #expect(problems.isEmpty)
        let broken = ProfileFixtures.problems(ProfileFixtures.minimal + "\ndata: { x: { csv: many-problems.yaml } }")
        #expect(broken.count == 1)
        #expect(broken.first?.keyPath == "data.x.csv")
        #expect(broken.first?.message.hasPrefix("cannot be used: \(ProfileFixtures.directory)/many-problems.yaml:") == true)
    }
}
