import Foundation
@testable import LoadRunnerProfile
@testable import LoadRunnerReports
@testable import LoadRunnerText
import Testing

/// Pure pieces of issue 9's hardening: terminal-safe text, URL repair, error reasons, schema versions.
struct HardeningTests {
    @Test(arguments: [
        ("\u{1B}]0;title\u{07}\u{1B}[2J42\n", "]0;title[2J42\n"),
        ("a\tb\nc\r\n", "a\tb\nc\n"),
        ("\u{9B}31mred\u{7F}", "31mred"),
        ("plain é ✓", "plain é ✓"),
    ])
    func controlCharactersAreDroppedButNewlineAndTabStay(input: String, expected: String) {
        #expect(TerminalText.sanitized(input) == expected)
    }

    @Test(arguments: [
        ("http:/127.0.0.1:8085", "http://127.0.0.1:8085"),
        ("http:127.0.0.1", "http://127.0.0.1"),
        ("https:/host/base", "https://host/base"),
        ("htp://127.0.0.1", "http://127.0.0.1"),
        ("htps://host", "https://host"),
    ])
    func aSchemeASlipAwayIsSuggested(written: String, suggestion: String) {
        #expect(throws: TargetURLFailure.misspelledScheme(written, suggestion: suggestion)) {
            try TargetURLParser.parse(written).get()
        }
    }

    @Test func otherSchemesAreNotTypos() {
        #expect(throws: TargetURLFailure.unsupportedScheme("ftp")) { try TargetURLParser.parse("ftp://host").get() }
        #expect(throws: TargetURLFailure.noScheme("127.0.0.1")) { try TargetURLParser.parse("127.0.0.1").get() }
    }

    @Test func reasonsAreWordedForPeople() {
        #expect(OutputFolder.reason(POSIXError(.ENOSPC)) == "the disk is full")
        #expect(OutputFolder.reason(POSIXError(.EACCES)) == "permission denied")
        #expect(OutputFolder.reason(CocoaError(.fileWriteOutOfSpace)) == "the disk is full")
        #expect(OutputFolder.reason(POSIXError(.EISDIR)) == "it is a folder")
    }

    @Test(arguments: ["1.5", "\"x\"", "0"])
    func aSchemaVersionLoadRunnerNeverWroteIsNamed(version: String) {
        let data = Data(#"{ "schemaVersion": \#(version), "provenance": {} }"#.utf8)
        #expect(throws: ResultFileError.unsupportedSchema(source: "r/result.json", found: version, supported: 2)) {
            try ResultJSON.decode(data, source: "r/result.json")
        }
    }

    @Test func environmentReferencesAreListedByName() {
        #expect(EnvironmentReferences.names(in: "Bearer ${TOKEN} ${A_1}${bad name} $HOME") == ["TOKEN", "A_1"])
    }
}
