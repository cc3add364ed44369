@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `DurationParser` accepts the documented forms and nothing else.
@Suite("Profile durations")
struct ProfileDurationTests {
    @Test(arguments: [
        ("0s", Duration.zero),
        ("10s", .seconds(10)),
        ("500ms", .milliseconds(500)),
        ("3m", .seconds(180)),
        ("2h", .seconds(7200)),
        ("1m30s", .seconds(90)),
        ("1h1m1s1ms", .milliseconds(3_661_001)),
        ("1.5s", .milliseconds(1500)),
        ("0.25h", .seconds(900)),
        (".5s", .milliseconds(500)),
        ("1.0000000001s", .seconds(1)),
        ("  60s ", .seconds(60)),
    ])
    func parses(text: String, expected: Duration) {
        #expect(DurationParser.parse(text) == expected)
    }

    @Test(arguments: ["", "5", "1.5", "s", "5 s", "-1s", "1.s", "5sec", "1m30", "1d", "1e3s", "99999999999999999999h"])
    func rejects(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test(arguments: [("5", true), ("1.5", true), ("5s", false), ("-5", false), ("abc", false)])
    func recognisesBareNumbers(text: String, isBare: Bool) {
        #expect(DurationParser.isBareNumber(text) == isBare)
    }

    @Test func bareNumberMessageSuggestsUnits() {
        let problems = ProfileFixtures.problems(ProfileFixtures.minimal + "\nconnect_timeout: 2.5")
        #expect(problems.map(\.message) == [#""2.5" has no unit; write "2.5s" or "500ms""#])
        #expect(problems.map(\.keyPath) == ["connect_timeout"])
    }
}
