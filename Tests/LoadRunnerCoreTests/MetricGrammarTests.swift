import Testing
@testable import LoadRunnerModel
import LoadRunnerText
import LoadRunnerProfile
import LoadRunnerAnalysis
import LoadRunnerReports

/// The metric path grammar: canonical paths round-trip, the older spellings of thresholds, budgets and checks are
/// aliases, and thresholds, budgets and checks all read metrics through it.
@Suite("Metric grammar")
struct MetricGrammarTests {
    static let canonical = [
        "latency.p50", "latency.p95", "latency.p99.9", "latency.mean", "latency.min", "latency.max", "total.count",
        "total.ok", "total.failed", "total.rps", "total.error_rate", "requests[user/get].failed", "requests[user/get].p95",
        "requests[a.b].ok", "requests[x].error_rate", "generator.cpu", "generator.lag.p99", "generator.lag.max",
        "monitor[replica1].cpu", "monitor[replica1].cpu_max", "monitor[db].memory", "monitor[db].memory_max",
        "monitor[db].disk_read", "monitor[db].disk_write", "command[replica2 lag].max", "command[replica2 lag].min",
        "command[rows].mean", "command[rows].last", "command[rows].count",
    ]

    @Test(arguments: canonical)
    func canonicalPathsRoundTrip(path: String) throws {
        #expect(try MetricID.parse(path).get().description == path)
    }

    static let aliases: [(String, MetricID.Subject?, String)] = [
        ("p(95)", .total, "latency.p95"), ("P95", .total, "latency.p95"), ("med", .total, "latency.p50"),
        ("avg", .total, "latency.mean"), ("p(99.9)", .total, "latency.p99.9"), ("error_rate", .total, "total.error_rate"),
        ("rps", .total, "total.rps"), ("requests", .total, "total.count"), ("failures", .total, "total.failed"),
        ("p50", .request("user/get"), "requests[user/get].p50"), ("requests.insert.ok", nil, "requests[insert].ok"),
        ("requests.user/get.count", nil, "requests[user/get].count"), ("requests.a.b.failed", nil, "requests[a.b].failed"),
        ("total.latency.p95", nil, "latency.p95"), ("requests[insert].latency.p99", nil, "requests[insert].p99"),
        ("Latency.AVG", nil, "latency.mean"), ("generator.lag.p(99)", nil, "generator.lag.p99"),
    ]

    @Test(arguments: aliases)
    func olderSpellingsAreAliases(text: String, subject: MetricID.Subject?, path: String) throws {
        #expect(try MetricID.parse(text, defaultSubject: subject).get().description == path)
    }

    static let invalid: [(String, MetricID.ParseError)] = [
        ("", .empty),
        ("requests[insert", .unclosedName("requests[insert")),
        ("monitor[db].cpx", .unknownMeasure("cpx", subject: "monitor[db]", suggestion: "cpu")),
        ("command[lag].p95", .unknownMeasure("p95", subject: "command[lag]", suggestion: nil)),
        ("generator.cpux", .unknownMeasure("cpux", subject: "generator", suggestion: "cpu")),
        ("total.faild", .unknownMeasure("faild", subject: "total", suggestion: "failed")),
        ("latency.p101", .percentileOutOfRange("p101")),
        ("p95", .unknownMetric("p95", suggestion: "latency.p95")),
        ("totl.failed", .unknownMetric("totl.failed", suggestion: "total.failed")),
    ]

    @Test(arguments: invalid)
    func reportsWhatIsWrong(text: String, error: MetricID.ParseError) {
        #expect(MetricID.parse(text) == .failure(error))
    }

    @Test func thresholdsReadMetricsThroughTheGrammar() throws {
        let cases: [(String, MetricMeasure)] = [
            ("p(95) < 200ms", .percentile(95)), ("med < 1s", .percentile(50)), ("latency.p95 < 200ms", .percentile(95)),
            ("total.failed < 1", .failed), ("total.error_rate < 1%", .errorRate), ("latency.mean < 1s", .mean),
        ]
        for (text, measure) in cases {
            #expect(try ThresholdParser.parse(text).get().metric == MetricID(.total, measure), "\(text)")
        }
        #expect(ThresholdSpec.name(of: .mean) == "avg")
        #expect(ThresholdSpec.name(of: .failed) == "failures")
    }

    @Test func budgetsReadMetricsThroughTheGrammar() throws {
        let cases: [(String, MetricMeasure)] = [
            ("p95 > +10%", .percentile(95)), ("latency.p95 > +10%", .percentile(95)), ("P99 > +5ms", .percentile(99)),
            ("total.rps < -5%", .rps), ("total.error_rate > +1%", .errorRate), ("latency.max > +10%", .max),
        ]
        for (text, measure) in cases {
            #expect(try Budget.parse(text).get().metric == MetricID(.total, measure), "\(text)")
        }
        #expect(MetricID(.total, .rps).higherIsBetter && !MetricID(.total, .percentile(95)).higherIsBetter)
        #expect(MetricID(compareName: "p95", subject: .total) == MetricID(.total, .percentile(95))
            && MetricID(compareName: "cpu", subject: .total) == nil)
    }

    @Test func checkExpressionsUseAnyMetricOfTheRun() throws {
        let numbers = RunNumbers(result: MetricValuesTests.result())
        let cases: [(String, CheckValue)] = [
            ("{{ total.failed }}", .number(4)), ("{{ requests[list items].ok }}", .number(22)),
            ("{{ requests[list items].count - requests[list items].failed }}", .number(22)),
            ("{{ command[replica1 lag].max / 1000 }}", .number(96)), ("{{ total.count }}", .number(32)),
        ]
        for (source, value) in cases {
            #expect(try CheckExpression(parsing: source).evaluate(numbers) == value, "\(source)")
        }
    }

    @Test func metricChecksAreJudgedLikeOutputs() throws {
        let failed = try MetricID.parse("total.failed").get()
        #expect(CheckJudge.judge(.equals, expected: .number(0), metric: failed, value: 0).passed)
        let verdict = CheckJudge.judge(.equals, expected: .number(0), metric: failed, value: 4)
        #expect(!verdict.passed && verdict.actual == "4" && verdict.problem == "got 4, expected 0")
        #expect(CheckJudge.judge(.atMost, expected: .number(0.5), metric: failed, value: 0.25).actual == "0.25")
        let missing = CheckJudge.judge(.atLeast, expected: .number(1), metric: failed, value: nil)
        #expect(!missing.passed && missing.problem == "the run has no value for total.failed")
    }
}
