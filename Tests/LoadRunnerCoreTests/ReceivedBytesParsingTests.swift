import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerText
import Testing

/// `received_bytes_per_s` in the metric grammar, thresholds and budgets (byte units B/s to GB/s, 1 kB = 1000
/// bytes), and its human format.
@Suite struct ReceivedBytesParsingTests {
    @Test func isAMetricOfRequests() throws {
        let total = try MetricID.parse("total.received_bytes_per_s").get()
        #expect(total == MetricID(.total, .receivedBytesPerSecond))
        #expect(total.description == "total.received_bytes_per_s")
        #expect(total.unit() == .bytesPerSecond)
        #expect(total.polarity == .higherIsBetter)
        #expect(try MetricID.parse("requests[get].bytes_per_s").get() == MetricID(.request("get"), .receivedBytesPerSecond))
        #expect(MetricID(compareName: "received_bytes_per_s", subject: .total) == total)
        #expect(ThresholdSpec.name(of: total) == "received_bytes_per_s")
    }

    static let thresholds: [(String, String?, Double)] = [
        ("received_bytes_per_s > 1MB/s", nil, 1_000_000),
        ("bytes_per_s > 500 kB/s", nil, 500_000),
        ("get: received_bytes_per_s >= 2000", "get", 2_000),
        ("received_bytes_per_s < 1.5GB/s", nil, 1_500_000_000),
        ("received_bytes_per_s > 12 B/s", nil, 12),
    ]

    @Test(arguments: thresholds)
    func thresholdsReadByteRates(text: String, name: String?, value: Double) throws {
        let spec = try ThresholdParser.parse(text).get()
        #expect(spec.metric == MetricID(name.map { .request($0) } ?? .total, .receivedBytesPerSecond))
        #expect(spec.value == value)
        #expect(spec.unit == "bytes/s")
    }

    static let refusedThresholds: [(String, String)] = [
        ("received_bytes_per_s > 5ms", #""received_bytes_per_s > 5ms" gives "5ms", which is not a byte rate; write bytes per second, a number or one with B/s, kB/s, MB/s or GB/s (1 kB = 1000 bytes), e.g. "received_bytes_per_s > 1MB/s""#),
        ("received_bytes_per_s > 2000GB/s", #""received_bytes_per_s > 2000GB/s" gives "2000GB/s", which is too large; the most is 1000000000000; write a limit a run can reach"#),
        ("rps > 5MB/s", #""rps > 5MB/s" gives "5MB/s", which is not a rate; rps is requests per second: write a number, e.g. "rps > 100""#),
    ]

    @Test(arguments: refusedThresholds)
    func thresholdsRefuseOtherUnits(text: String, message: String) {
        switch ThresholdParser.parse(text) {
        case .success(let spec): Issue.record("parsed \(spec)")
        case .failure(let error): #expect(error.description == message)
        }
    }

    static let budgets: [(String, Double?, Double?)] = [
        ("received_bytes_per_s < -10%", 0.10, nil),
        ("bytes_per_s < -1MB/s", nil, 1_000_000),
        ("received_bytes_per_s < -5% and -500kB/s", 0.05, 500_000),
        ("total.received_bytes_per_s < -2000", nil, 2_000),
    ]

    @Test(arguments: budgets)
    func budgetsReadByteRates(text: String, relative: Double?, absolute: Double?) throws {
        let budget = try Budget.parse(text).get()
        #expect(budget == Budget(
            metric: MetricID(.total, .receivedBytesPerSecond), relative: relative, absolute: absolute, text: text))
    }

    static let refusedBudgets: [(String, String)] = [
        ("received_bytes_per_s > +10%", #""received_bytes_per_s > +10%" points the wrong way: received_bytes_per_s gets worse when it goes down; write "received_bytes_per_s < -10%""#),
        ("received_bytes_per_s < -2ms", #""received_bytes_per_s < -2ms" gives "-2ms", which is not a limit for received_bytes_per_s; write a percentage ("-5%") or bytes per second ("-1MB/s", "-500kB/s", "-2000")"#),
        ("received_bytes_per_s < -1MB/s and -2MB/s", #""received_bytes_per_s < -1MB/s and -2MB/s" gives two amounts; join one percentage and one amount, e.g. "received_bytes_per_s < -5% and -1MB/s""#),
        ("rps < -5MB/s", #""rps < -5MB/s" gives "-5MB/s", which is not a limit for rps; write a percentage ("-5%") or requests per second ("-50")"#),
    ]

    @Test(arguments: refusedBudgets)
    func budgetsRefuseOtherUnits(text: String, message: String) {
        switch Budget.parse(text) {
        case .success(let budget): Issue.record("parsed \(budget)")
        case .failure(let error): #expect(error.description == message)
        }
    }

    static let humanBytes: [(Double, String)] = [
        (0, "0 B"), (950, "950 B"), (999.4, "999 B"), (999.5, "1.0 kB"), (2_000, "2.0 kB"), (1_234_567, "1.2 MB"),
        (999_960, "1.0 MB"), (3.4e9, "3.4 GB"), (-480, "-480 B"), (-1_500, "-1.5 kB"), (-0.2, "0 B"),
    ]

    @Test(arguments: humanBytes)
    func bytesReadForPeople(value: Double, text: String) {
        #expect(ReportNumber.bytes(value) == text)
    }
}
