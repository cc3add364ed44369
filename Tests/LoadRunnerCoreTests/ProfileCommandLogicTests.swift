@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
import Testing

/// The pure logic of profile commands: check expressions, the run numbers they use, the judging of
/// outputs, command-monitor readings, and when an action is due.
@Suite("Profile command logic")
struct ProfileCommandLogicTests {
    let numbers = RunNumbers(values: ["requests.insert.ok": 30000, "requests.user/get.count": 7, "total.failed": 2])

    static let evaluated: [(String, CheckValue)] = [
        ("{{ requests.insert.ok }}", .number(30000)),
        ("{{requests.insert.ok}}", .number(30000)),
        ("{{ requests.insert.ok - 100 }}", .number(29900)),
        ("{{ (requests.insert.ok + total.failed) * 2 }}", .number(60004)),
        ("{{ requests.insert.ok / 4 - -1 }}", .number(7501)),
        ("{{ 1 + 2 * 3 }}", .number(7)),
        ("{{ requests.user/get.count }}", .number(7)),
        ("rows: {{ requests.insert.ok }}", .text("rows: 30000")),
        ("0{{ total.failed }}", .number(2)),
        ("ok", .text("ok")),
        ("42", .number(42)),
    ]

    @Test(arguments: evaluated)
    func evaluates(source: String, value: CheckValue) throws {
        #expect(try CheckExpression(parsing: source).evaluate(numbers) == value)
    }

    static let malformed: [(String, String, Int)] = [
        ("{{ }}", "\"{{ }}\" is empty: put a name such as requests.insert.ok inside", 4),
        ("{{ total.ok", "\"{{\" is never closed with \"}}\"", 1),
        ("{{ total.ok + }}", "the expression ends where a number or name was expected", 15),
        ("{{ (1 + 2 }}", "\"(\" is never closed with \")\"", 11),
        ("{{ 1 ; 2 }}", "unexpected \";\"", 6),
        ("{{ 1.2.3 }}", "\"1.2.3\" is not a number", 4),
    ]

    @Test(arguments: malformed)
    func reportsWhereItIsMalformed(source: String, message: String, column: Int) {
        #expect(throws: CheckExpression.ParseError(message: message, column: column)) { try CheckExpression(parsing: source) }
    }

    @Test func unknownNamesAndDivisionByZeroFailAtEvaluation() throws {
        #expect(throws: ArithmeticExpression.EvaluationError.unknownName("nope", known: numbers.names)) {
            try CheckExpression(parsing: "{{ nope }}").evaluate(numbers)
        }
        #expect(throws: ArithmeticExpression.EvaluationError.divisionByZero) {
            try CheckExpression(parsing: "{{ 1 / (total.failed - 2) }}").evaluate(numbers)
        }
        #expect(try CheckExpression(parsing: "{{ a + b * c }}").names == ["a", "b", "c"])
    }

    static let judged: [(CheckComparison, CheckValue, String, Bool, String?, String?)] = [
        (.equals, .number(30000), "30000\n", true, "30000", nil),
        (.equals, .number(30000), "  30000.0  \n(1 row)", true, "30000.0", nil),
        (.equals, .number(30000), "29998", false, "29998", "got 29998, expected 30000"),
        (.equals, .number(3), "abc", false, "abc", "output \"abc\" is not a number (expected 3)"),
        (.equals, .text("t"), "t", true, "t", nil),
        (.equals, .text("t"), "f", false, "f", "got \"f\", expected \"t\""),
        (.atLeast, .number(10), "10", true, "10", nil),
        (.atLeast, .number(10), "9", false, "9", "got 9, expected at least 10"),
        (.atMost, .number(10), "11", false, "11", "got 11, expected at most 10"),
        (.atMost, .text("x"), "1", false, "1", "expected value \"x\" is not a number; at_most compares numbers"),
        (.equals, .number(0), "\n \n", false, nil, "the command printed nothing"),
    ]

    @Test(arguments: judged)
    func judgesOutputs(comparison: CheckComparison, expected: CheckValue, stdout: String, passed: Bool, actual: String?, problem: String?) {
        let verdict = CheckJudge.judge(comparison, expected: expected, stdout: stdout)
        #expect(verdict == CheckJudge.Verdict(passed: passed, actual: actual, problem: problem))
    }

    static let readings: [(String, Double?, String?)] = [
        ("1234\n", 1234, nil),
        ("  0.5 bytes\n", 0.5, nil),
        ("\n\n 7 rows\nmore", 7, nil),
        ("", nil, "no output"),
        ("lag unknown", nil, "\"lag\" is not a number"),
    ]

    @Test(arguments: readings)
    func readsCommandMonitorOutput(stdout: String, value: Double?, problem: String?) {
        let reading = CommandMonitorReading.value(stdout: stdout)
        #expect(reading.value == value)
        #expect(reading.problem == problem)
    }

    @Test func runNumbersOfferEveryRequestName() {
        #expect(RunNumbers.names(requestNames: ["insert"]) == [
            "requests.insert.count", "requests.insert.failed", "requests.insert.ok", "total.count", "total.failed", "total.ok",
        ])
    }

    /// (trigger, run seconds, requests sent, due) in a run planned to last 100 s.
    static let moments: [(ActionTrigger, Double, Int, Bool)] = [
        (.atTime(.seconds(90)), 89.999, 0, false),
        (.atTime(.seconds(90)), 90, 0, true),
        (.atTime(.zero), 0, 0, true),
        (.atShare(0.4), 39.9, 0, false),
        (.atShare(0.4), 40, 0, true),
        (.atShare(1), 100, 0, true),
        (.afterRequests(12000), 500, 11999, false),
        (.afterRequests(12000), 1, 12000, true),
        (.afterRequests(12000), 1, 12500, true),
        (.end, 1000, 1_000_000, false),
    ]

    @Test(arguments: moments)
    func actionsAreDueAtTheirMoment(trigger: ActionTrigger, seconds: Double, sent: Int, due: Bool) {
        #expect(trigger.isDue(nowMicros: Int64(seconds * 1_000_000), requestsSent: sent, plannedMicros: 100_000_000) == due)
    }
}
