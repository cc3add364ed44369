import Foundation
import LoadRunnerText
import Testing

@Suite struct ReportFormattingTests {
    @Test(arguments: [
        (1.005, 2, "1.00"), (1.5, 0, "2"), (2.5, 0, "3"), (-2.5, 0, "-3"), (-0.0001, 2, "0.00"), (0, 3, "0.000"),
        (1234.5678, 1, "1234.6"), (0.125, 2, "0.13"), (1e6, 2, "1000000.00"),
    ] as [(Double, Int, String)])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(ReportNumber.fixed(value, decimals: decimals) == expected)
    }

    @Test func nonFinite() {
        #expect(ReportNumber.fixed(.nan, decimals: 2) == "nan")
        #expect(ReportNumber.fixed(.infinity, decimals: 2) == "inf")
        #expect(ReportNumber.fixed(-.infinity, decimals: 2) == "-inf")
    }

    @Test(arguments: [(1.5, "1.5"), (2.0, "2"), (0.333, "0.33"), (0.004, "0"), (-0.004, "0"), (10.10, "10.1")])
    func trimmed(value: Double, expected: String) {
        #expect(ReportNumber.trimmed(value) == expected)
    }

    @Test func millisecondsFromMicroseconds() {
        #expect(ReportNumber.millis(micros: 1500 as UInt64) == "1.500")
        #expect(ReportNumber.millis(micros: 7 as UInt64) == "0.007")
        #expect(ReportNumber.millis(micros: 1234 as UInt64, decimals: 2) == "1.23")
        #expect(ReportNumber.millis(micros: 1235 as UInt64, decimals: 2) == "1.24")
        #expect(ReportNumber.millis(micros: 1500 as UInt64, decimals: 0) == "2")
        #expect(ReportNumber.millis(micros: 1500 as UInt64, decimals: 4) == "1.5000")
        #expect(ReportNumber.millis(micros: 2209.0909 as Double) == "2.209")
        #expect(ReportNumber.millis(micros: 1234.5 as Double, decimals: 3) == "1.235")
        #expect(ReportNumber.trimmedMillis(micros: 9807) == "9.81")
    }

    @Test func utcTimestamps() throws {
        let date = Date(timeIntervalSince1970: 1_714_564_800.25)
        #expect(UTCTimestamp.seconds(date) == "2024-05-01T12:00:00Z")
        #expect(UTCTimestamp.micros(date) == "2024-05-01T12:00:00.250000Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(UTCTimestamp.parse("2024-05-01T12:00:00.250000Z") == date)
        #expect(UTCTimestamp.parse("2024-05-01T12:00:00.25Z") == date)
        #expect(UTCTimestamp.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(UTCTimestamp.parse("2024-05-01 12:00:00Z") == nil)
        #expect(UTCTimestamp.parse("2024-05-01T12:00:00+02:00") == nil)
        #expect(UTCTimestamp.parse("2024-13-01T12:00:00Z") == nil)
    }

    @Test func markdownTableAlignsAndEscapes() {
        var table = TextTable(columns: [.init("Name"), .init("Count", .right)])
        table.append(["a|b", "7"])
        table.append(["two\nlines", "1234"])
        var text = ""
        table.writeMarkdown(to: &text)
        #expect(text == """
            | Name      | Count |
            | --------- | ----: |
            | a\\|b      |     7 |
            | two lines |  1234 |

            """)
    }

    @Test func plainTableAligns() {
        var table = TextTable(columns: [.init("stage", .right), .init("flags")])
        table.append(["1", ""])
        table.append(["12", "SATURATED"])
        var text = ""
        table.writePlain(to: &text)
        #expect(text == "stage  flags\n    1\n   12  SATURATED\n")
    }
}
