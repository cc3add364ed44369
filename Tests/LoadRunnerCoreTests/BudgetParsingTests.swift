@testable import LoadRunnerModel
import Testing

/// `Budget.parse` reads `compare` budgets into `Budget`'s units, and says what to write instead of a wrong one.
@Suite("Budget parsing")
struct BudgetParsingTests {
    /// Text, then the expected metric, relative (fraction) and absolute (us, req/s or share) limits.
    static let valid: [(String, MetricMeasure, Double?, Double?)] = [
        ("p95 > +10% and +2ms", .percentile(95), 0.10, 2_000),
        ("p95 > +2ms and +10%", .percentile(95), 0.10, 2_000),
        ("p50 > +5%", .percentile(50), 0.05, nil),
        ("p99 > +1.5s", .percentile(99), nil, 1_500_000),
        ("max > +500us", .max, nil, 500),
        ("P99>+20% AND +5ms", .percentile(99), 0.20, 5_000),
        ("p95 > + 10 % and + 2 ms", .percentile(95), 0.10, 2_000),
        ("rps < -5%", .rps, 0.05, nil),
        ("rps < -50", .rps, nil, 50),
        ("rps < -10% and -50 req/s", .rps, 0.10, 50),
        ("error_rate > +1%", .errorRate, nil, 0.01),
        ("error_rate > +0.5%", .errorRate, nil, 0.005),
        ("error_rate > +0.01", .errorRate, nil, 0.01),
        ("p95 > +0%", .percentile(95), 0, nil),
    ]

    @Test(arguments: valid)
    func parses(text: String, metric: MetricMeasure, relative: Double?, absolute: Double?) throws {
        let budget = try Budget.parse(text).get()
        #expect(budget == Budget(metric: MetricID(.total, metric), relative: relative, absolute: absolute, text: text))
    }

    @Test func defaultsParseToThemselves() throws {
        for budget in Budget.defaults {
            #expect(try Budget.parse(budget.text).get() == budget)
        }
    }

    /// Text, then the whole message.
    static let invalid: [(String, String)] = [
        ("", #""" is empty; write a budget such as "p95 > +10% and +2ms" or "rps < -5%""#),
        ("rps > +10%", #""rps > +10%" points the wrong way: rps gets worse when it goes down; write "rps < -10%""#),
        ("rps >= +10% and +20", #""rps >= +10% and +20" points the wrong way: rps gets worse when it goes down; write "rps < -10% and -20""#),
        ("rps < +10%", #""rps < +10%" points the wrong way: rps gets worse when it goes down; write "rps < -10%""#),
        ("p95 < -10%", #""p95 < -10%" points the wrong way: p95 gets worse when it goes up; write "p95 > +10%""#),
        ("p95 > -2ms", #""p95 > -2ms" points the wrong way: p95 gets worse when it goes up; write "p95 > +2ms""#),
        ("error_rate < -1%", #""error_rate < -1%" points the wrong way: error_rate gets worse when it goes up; write "error_rate > +1%""#),
        ("p95 >= +10%", #""p95 >= +10%" compares with ">="; budgets use > (< for rps); write "p95 > +10%""#),
        ("p95 > 10% and +2ms", #""p95 > 10% and +2ms" needs a sign on each limit (+ for a metric that is worse when up, - for rps); write "p95 > +10% and +2ms""#),
        ("p95 > +2", #""p95 > +2" gives +2 without a unit; write "p95 > +2ms" (units: us, ms, s; or % for a relative limit)"#),
        ("p95 > +10% and +2ms and +3ms", #""p95 > +10% and +2ms and +3ms" has more than two limits; give at most one percentage and one amount, e.g. "p95 > +10% and +2ms""#),
        ("p95 > +10% and +20%", #""p95 > +10% and +20%" gives two percentages; join one percentage and one amount, e.g. "p95 > +10% and +2ms""#),
        ("rps < -10 and -20", #""rps < -10 and -20" gives two amounts; join one percentage and one amount, e.g. "rps < -5% and -50""#),
        ("error_rate > +1% and +0.01", #""error_rate > +1% and +0.01" gives two limits; error_rate takes one, in percentage points ("+1%") or as a share ("+0.01")"#),
        ("error_rate > +150%", #""error_rate > +150%" gives "+150%", above 100% of requests; write e.g. "+1%" (one percentage point) or "+0.01""#),
        ("rps < -2ms", #""rps < -2ms" gives "-2ms", which is not a limit for rps; write a percentage ("-5%") or requests per second ("-50")"#),
        ("p95 > +2req/s", #""p95 > +2req/s" gives "+2req/s", which is not a limit for p95; write a percentage ("+10%") or a time ("+2ms", "+500us", "+1s")"#),
        ("p95 > fast", #""p95 > fast" gives "fast", which is not a limit for p95; write a percentage ("+10%") or a time ("+2ms", "+500us", "+1s")"#),
        ("p95 > +10% and", #""p95 > +10% and" has no limit after "and"; write e.g. "p95 > +10% and +2ms""#),
        ("p95 >", #""p95 >" has no limit after ">"; write e.g. "p95 > +10% and +2ms""#),
        ("p95 +10%", #""p95 +10%" has no comparison; write e.g. "p95 > +10% and +2ms" or "rps < -5%""#),
        ("p59 > +10%", #""p59 > +10%" has no metric `p59`; compare knows p50, p95, p99, max, rps, error_rate, received_bytes_per_s"#),
        ("errors > +1%", #""errors > +1%" has no metric `errors`; compare knows p50, p95, p99, max, rps, error_rate, received_bytes_per_s"#),
        ("error-rate > +1%", #""error-rate > +1%" has no metric `error-rate`; did you mean `error_rate`? (compare knows p50, p95, p99, max, rps, error_rate, received_bytes_per_s)"#),
    ]

    @Test(arguments: invalid)
    func refuses(text: String, message: String) {
        switch Budget.parse(text) {
        case .success(let budget): Issue.record("parsed \(budget)")
        case .failure(let error): #expect(error.description == message)
        }
    }
}
