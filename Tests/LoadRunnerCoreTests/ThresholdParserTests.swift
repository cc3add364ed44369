@testable import LoadRunnerModel
@testable import LoadRunnerProfile
@testable import LoadRunnerText
import Testing

/// `ThresholdParser` reads the documented grammar into base units, and explains everything it refuses.
@Suite("Threshold parser")
struct ThresholdParserTests {
    /// Text, then the expected (request name, stage, measure, operator, value in base units).
    static let valid: [(String, String?, Int?, MetricMeasure, ThresholdSpec.Operator, Double)] = [
        ("p95 < 200ms", nil, nil, .percentile(95), .less, 200_000),
        ("p(95)<200ms", nil, nil, .percentile(95), .less, 200_000),
        ("  p99 <= 1s ", nil, nil, .percentile(99), .lessOrEqual, 1_000_000),
        ("p99.9 < 1.5s", nil, nil, .percentile(99.9), .less, 1_500_000),
        ("p(99.99) < 2s", nil, nil, .percentile(99.99), .less, 2_000_000),
        ("p100 < 3s", nil, nil, .percentile(100), .less, 3_000_000),
        ("med < 500us", nil, nil, .percentile(50), .less, 500),
        ("p50 < 500µs", nil, nil, .percentile(50), .less, 500),
        ("avg < 0.5ms", nil, nil, .mean, .less, 500),
        ("min > 100 us", nil, nil, .min, .greater, 100),
        ("MAX < 2s", nil, nil, .max, .less, 2_000_000),
        ("error_rate < 1%", nil, nil, .errorRate, .less, 0.01),
        ("error_rate <= 0.01", nil, nil, .errorRate, .lessOrEqual, 0.01),
        ("error_rate < 2.3%", nil, nil, .errorRate, .less, 0.023),
        ("error_rate < 100%", nil, nil, .errorRate, .less, 1),
        ("rps > 100", nil, nil, .rps, .greater, 100),
        ("rps >= 99.5 req/s", nil, nil, .rps, .greaterOrEqual, 99.5),
        ("rps > 10/s", nil, nil, .rps, .greater, 10),
        ("requests > 1000", nil, nil, .count, .greater, 1000),
        ("failures < 1", nil, nil, .failed, .less, 1),
        ("user/get: p99 < 500ms", "user/get", nil, .percentile(99), .less, 500_000),
        ("stage 4: error_rate < 1%", nil, 4, .errorRate, .less, 0.01),
        ("stage 2: user/get: p95 < 100ms", "user/get", 2, .percentile(95), .less, 100_000),
        ("user/get: stage 2: p95 < 100ms", "user/get", 2, .percentile(95), .less, 100_000),
        ("Stage 3 : p95 < 1s", nil, 3, .percentile(95), .less, 1_000_000),
        ("api:v2/get: p95 < 1s", "api:v2/get", nil, .percentile(95), .less, 1_000_000),
        ("search, \"fuzzy\": rps > 1", "search, \"fuzzy\"", nil, .rps, .greater, 1),
    ]

    @Test(arguments: valid)
    func parses(text: String, name: String?, stage: Int?, metric: MetricMeasure, op: ThresholdSpec.Operator,
                value: Double) throws {
        let spec = try ThresholdParser.parse(text).get()
        #expect(spec.requestName == name)
        #expect(spec.stage == stage)
        #expect(spec.metric == MetricID(name.map { .request($0) } ?? .total, metric))
        #expect(spec.op == op)
        #expect(spec.value == value)
        #expect(spec.text == text.trimmingWhitespace())
        #expect(spec.abortOnFail == false)
    }

    @Test func keepsAbortOnFailAndLine() throws {
        let spec = try ThresholdParser.parse("p99 < 1s", abortOnFail: true, line: 12).get()
        #expect(spec == ThresholdSpec(metric: MetricID(.total, .percentile(99)), op: .less, value: 1_000_000, abortOnFail: true,
                                      text: "p99 < 1s", line: 12))
    }

    /// Text, then the whole message (`description`).
    static let invalid: [(String, String)] = [
        ("", #""" is empty; write a threshold such as "p95 < 200ms""#),
        ("p95 200ms", #""p95 200ms" has no comparison; write e.g. "p95 < 200ms" (operators: <, <=, > or >=)"#),
        ("p95 == 200ms", #""p95 == 200ms" compares with "=="; use <, <=, > or >="#),
        ("p95 =< 200ms", #""p95 =< 200ms" compares with "=<"; use <, <=, > or >="#),
        ("< 200ms", #""< 200ms" has no metric before "<"; write e.g. "p95 < 200ms" (metrics: p(N) or pN, med, avg, min, max, error_rate, rps, requests, failures, received_bytes_per_s)"#),
        ("p95x < 200ms", #""p95x < 200ms" has no metric `p95x`; did you mean `p95`?"#),
        ("median < 1s", #""median < 1s" has no metric `median`; did you mean `med`?"#),
        ("count > 10", #""count > 10" has no metric `count`; did you mean `requests`?"#),
        ("latency < 1s", #""latency < 1s" has no metric `latency`; use one of: p(N) or pN, med, avg, min, max, error_rate, rps, requests, failures, received_bytes_per_s"#),
        ("p(0) < 1s", #""p(0) < 1s" asks for `p(0)`; a percentile must be above 0 and at most 100, e.g. p95 or p(99.9)"#),
        ("p101 < 1s", #""p101 < 1s" asks for `p101`; a percentile must be above 0 and at most 100, e.g. p95 or p(99.9)"#),
        ("p95 <", #""p95 <" has no value after "<"; write e.g. "p95 < 200ms""#),
        ("p95 < 200", #""p95 < 200" gives 200 without a unit; write "p95 < 200ms" (units: us, ms, s)"#),
        ("user/get: p(95)<1.5", #""user/get: p(95)<1.5" gives 1.5 without a unit; write "user/get: p(95)<1.5ms" (units: us, ms, s)"#),
        ("p95 < 1m", #""p95 < 1m" gives "1m", which is not a latency; write a number with a unit (us, ms or s), e.g. "200ms" or "1.5s""#),
        ("p95 < 10%", #""p95 < 10%" gives "10%", which is not a latency; write a number with a unit (us, ms or s), e.g. "200ms" or "1.5s""#),
        ("p95 < -5ms", #""p95 < -5ms" gives "-5ms", which is not a latency; write a number with a unit (us, ms or s), e.g. "200ms" or "1.5s""#),
        ("error_rate < 5", #""error_rate < 5" gives "5", which is not an error rate; write a percentage or a share from 0 to 1, e.g. "1%" or "0.01""#),
        ("error_rate < 150%", #""error_rate < 150%" gives "150%", which is not an error rate; write a percentage or a share from 0 to 1, e.g. "1%" or "0.01""#),
        ("error_rate < 1ms", #""error_rate < 1ms" gives "1ms", which is not an error rate; write a percentage or a share from 0 to 1, e.g. "1%" or "0.01""#),
        ("rps > 100ms", #""rps > 100ms" gives "100ms", which is not a rate; rps is requests per second: write a number, e.g. "rps > 100""#),
        ("requests > 10.5", #""requests > 10.5" gives "10.5", which is not a count; requests is a whole number, e.g. "requests > 1000""#),
        ("failures < 1%", #""failures < 1%" gives "1%", which is not a count; failures is a whole number, e.g. "failures < 10""#),
        ("stage two: p95 < 1s", #""stage two: p95 < 1s" names stage "two"; write the stage as a number from 1, e.g. "stage 2: p95 < 200ms""#),
        ("stage 0: p95 < 1s", #""stage 0: p95 < 1s" names stage "0"; write the stage as a number from 1, e.g. "stage 2: p95 < 200ms""#),
        ("stage: p95 < 1s", #""stage: p95 < 1s" names stage ""; write the stage as a number from 1, e.g. "stage 2: p95 < 200ms""#),
        ("stage 1: stage 2: p95 < 1s", #""stage 1: stage 2: p95 < 1s" names more than one stage; name one, e.g. "stage 2: p95 < 200ms", or none for every stage"#),
        (": p95 < 1s", #"": p95 < 1s" has nothing before ":"; write a request name ("user/get: p95 < 200ms") or remove the ":""#),
    ]

    @Test(arguments: invalid)
    func refuses(text: String, message: String) {
        switch ThresholdParser.parse(text) {
        case .success(let spec): Issue.record("parsed \(spec)")
        case .failure(let error): #expect(error.description == message)
        }
    }

    @Test func metricNamesAreCanonical() throws {
        #expect(ThresholdSpec.name(of: MetricID(.total, .percentile(95))) == "p95")
        #expect(ThresholdSpec.name(of: MetricID(.total, .percentile(99.9))) == "p99.9")
        #expect(ThresholdSpec.name(of: MetricID(.total, .errorRate)) == "error_rate")
        #expect(try ThresholdParser.parse("p50 < 1s").get().unit == "us")
        #expect(try ThresholdParser.parse("rps > 1").get().unit == "req/s")
    }
}
