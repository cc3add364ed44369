import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Testing

/// The Locust-format files' numbers against ground truth: Python's own float text, Locust's `current_rps` worked
/// out by hand, percentiles of latencies the test chose.
@Suite struct LocustFormatTests {
    /// Each value as Python 3.11 prints it (`repr`, which the `csv` module writes), taken from Python itself.
    @Test(arguments: [
        (1.0 / 600, "0.0016666666666666668"), (12.345678901234567, "12.345678901234567"), (50.0, "50.0"),
        (0.0, "0.0"), (1e-05, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (1.5e16, "1.5e+16"),
        (123456789012345.6, "123456789012345.6"), (1e15, "1000000000000000.0"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (7.25, "7.25"), (2.0 / 3, "0.6666666666666666"),
        (0.1 + 0.2, "0.30000000000000004"), (1e22, "1e+22"), (123.0e-7, "1.23e-05"), (-7.25, "-7.25"),
    ] as [(Double, String)])
    func pythonFloat(value: Double, expected: String) {
        #expect(ReportNumber.pythonFloat(value) == expected)
    }

    /// 163,825 µs prints the same digits everywhere, at each output's precision, by decimal rounding.
    @Test func oneRoundingRuleForLatencies() {
        #expect(ReportNumber.millis(micros: 163_825 as UInt64) == "163.825")
        #expect(ReportNumber.pythonMillis(micros: 163_825) == "163.825")
        #expect(ReportNumber.millis(micros: 163_825 as UInt64, decimals: 2) == "163.83")
        #expect(ReportNumber.trimmedMillis(micros: 163_825) == "163.83")
        #expect(ReportNumber.pythonMillis(micros: 20_000) == "20.0")
        #expect(ReportNumber.pythonMillis(micros: 7) == "0.007")
        // A mean: an exact sum over a count, to the microsecond, half away from zero.
        #expect(ReportNumber.pythonMillis(meanMicros: 327_649.0 / 2) == "163.825")
        #expect(ReportNumber.pythonMillis(meanMicros: 163_824.4) == "163.824")
        #expect(ReportNumber.fixed(numerator: 1, denominator: 3, decimals: 6) == "0.333333")
        #expect(ReportNumber.fixed(numerator: 2, denominator: 3, decimals: 6) == "0.666667")
        #expect(ReportNumber.fixed(numerator: 65, denominator: 10, decimals: 6) == "6.500000")
        #expect(ReportNumber.fixed(numerator: 0, denominator: 0, decimals: 6) == "0.000000")
    }

    /// One failure in 600 s is a rate, not 0; min and max are the measured times, not bucket edges.
    @Test func statsRatesKeepFullPrecision() {
        var latency = LatencyHistogram()
        for micros: UInt64 in [20_479, 163_825, 30_011] { latency.record(micros: micros) }
        let totals = RunningTotals(
            requests: 3, failures: 1, bodyBytes: 150, medianMicros: latency.micros(atPercentile: 50),
            meanMicros: Double(20_479 + 163_825 + 30_011) / 3, minMicros: latency.exactMinMicros,
            maxMicros: latency.exactMaxMicros)
        let fields = LocustStatsCSV.fields(
            LocustEntry(method: "GET", name: "a", totals: totals, latency: latency), overSeconds: 600)
        #expect(Array(fields[2...10]) == ["3", "1", "30.015", "71.438", "20.479", "163.825", "50.0", "0.005", "0.0016666666666666668"])
        // The top percentiles are the exact max, not the top of its bucket (163.839).
        #expect(fields.last == "163.825")
    }

    static let requests = [
        RequestSpec(name: "a", method: "GET", path: .literal("/a"), query: [], headers: [], body: nil, weight: 1, expect: .defaultSuccess),
    ]

    /// `counts[s]` requests in second `s`, each taking `micros(s)`; the first `failing(s)` of them fail.
    static func series(
        counts: [Int], micros: (Int) -> UInt64 = { _ in 1_000 }, failing: (Int) -> Int = { _ in 0 }
    ) -> [SecondSample] {
        let schedule = StageSchedule(stages: [Stage(users: 1, spawnRate: 1, duration: .seconds(counts.count), warmup: .seconds(0))])
        var builder = SecondSampleBuilder(schedule: schedule, requests: requests, startUnixTime: 1_700_000_000)
        return counts.indices.map { second in
            var stats = RequestStats(name: "a", method: "GET")
            for index in 0..<counts[second] {
                let fails = index < failing(second)
                stats.record(RequestOutcome(
                    status: fails ? 500 : 200, bodyBytes: 10, newConnections: 0,
                    timing: TransferTiming(totalMicros: micros(second)),
                    failure: fails ? RequestFailure(category: .httpStatus, message: "HTTP 500") : nil))
            }
            return builder.sample(second: second, requests: [stats], users: 1, generatorCPUPercent: 0, schedulingLagMicros: 0)
        }
    }

    /// The fields of one CSV line, unquoted as Python's `csv` module reads them.
    static func columns(_ line: String) -> [String] {
        var fields = [""]
        var quoted = false
        var previous: Character = " "
        for character in line {
            if character == "\"" {
                if quoted == false && previous == "\"" { fields[fields.count - 1].append("\"") }
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
            previous = character
        }
        return fields
    }

    /// Locust's `current_rps`: the mean count of the seconds from 12 to 3 before the last request's second (from
    /// the start on), 0 before any; it stays while no request completes. Worked out by hand for `s` requests in
    /// second `s` (0 ... 14), one failure in second 3, then 3 idle seconds.
    @Test func historyRatesAreLocustsCurrentRate() {
        let series = Self.series(counts: Array(0...14) + [0, 0, 0], failing: { $0 == 3 ? 1 : 0 })
        var history = LocustHistoryCSV(fullHistory: false)
        let rows = series.map { Self.columns(history.rows(for: $0)[0]) }
        let rates = rows.map { [$0[4], $0[5]] }
        #expect(rates[0] == ["0.000000", "0.000000"])  // no request yet
        #expect(rates[2] == ["0.000000", "0.000000"])  // seconds [0, 0): none
        #expect(rates[3] == ["0.000000", "0.000000"])  // second 0: 0 requests
        #expect(rates[4] == ["0.500000", "0.000000"])  // seconds 0-1: (0 + 1) / 2
        #expect(rates[5] == ["1.000000", "0.000000"])  // seconds 0-2: 3 / 3
        #expect(rates[6] == ["1.500000", "0.250000"])  // seconds 0-3: 6 / 4, 1 failure / 4
        #expect(rates[14] == ["6.500000", "0.100000"])  // seconds 2-11: 65 / 10
        #expect(rates[15] == rates[14] && rates[17] == rates[14])  // idle: frozen, as Locust's
        // Totals: 105 requests, 1 failure, all 1 ms.
        #expect(Array(rows[17][17...]) == ["105", "1", "1.0", "1.0", "1.0", "1.0", "10.0"])
    }

    /// Default layout: the aggregate only, percentiles since the start. Full history: a row per name too, and
    /// percentiles of the last 10 seconds. 200 requests of 1 ms in seconds 0-1, then one of 50 ms a second.
    @Test func historyLayouts() {
        let series = Self.series(counts: [100, 100] + Array(repeating: 1, count: 12), micros: { $0 < 2 ? 1_000 : 50_000 })
        var cumulative = LocustHistoryCSV(fullHistory: false)
        var full = LocustHistoryCSV(fullHistory: true)
        var lastDefault: [String] = []
        var lastFull: [String] = []
        for sample in series {
            lastDefault = cumulative.rows(for: sample)
            lastFull = full.rows(for: sample)
        }
        #expect(lastDefault.count == 1 && lastFull.count == 2)
        let since = Self.columns(lastDefault[0])
        #expect(since[3] == "Aggregated" && since[2].isEmpty)
        // 212 requests, 200 of them 1 ms: up to p90 1 ms (rank 191), from p95 (rank 202) 50 ms, the exact max
        // (its bucket's top is 50.015).
        #expect(Array(since[6...16]) == Array(repeating: "1.0", count: 5) + Array(repeating: "50.0", count: 6))
        let window = Self.columns(lastFull[0])
        #expect(window[2] == "GET" && window[3] == "a")
        // The last 10 seconds hold only 50 ms requests.
        #expect(Array(window[6...16]) == Array(repeating: "50.0", count: 11))
        #expect(Array(Self.columns(lastFull[1])[6...16]) == Array(repeating: "50.0", count: 11))
        // Both layouts' totals are the same.
        #expect(Array(since[17...]) == Array(window[17...]))
        #expect(since[17] == "212" && since[20] == "3.774")  // 800,000 µs / 212
    }

    /// The three files count the same requests: the stats file's failures add up to the failures file's
    /// occurrences, and the last history row's totals are the stats file's Aggregated row.
    @Test func theThreeFilesAgreeOnTheFixture() throws {
        let result = ReportFixtures.result()
        let stats = LocustStatsCSV.render(result).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let aggregated = Self.columns(try #require(stats.last))
        var history = ""
        LocustHistoryCSV.write(result.series, fullHistory: false, to: &history)
        let last = Self.columns(try #require(history.components(separatedBy: "\r\n").filter { !$0.isEmpty }.last))
        let occurrences = LocustFailuresCSV.render(result).components(separatedBy: "\r\n").dropFirst()
            .filter { !$0.isEmpty }.compactMap { Int(Self.columns($0)[3]) }.reduce(0, +)
        #expect(aggregated[2] == "32" && last[17] == aggregated[2])
        #expect(aggregated[3] == "4" && last[18] == aggregated[3] && occurrences == 4)
        // Median, mean, min, max of the last row are the stats file's.
        #expect(Array(last[19...22]) == Array(aggregated[4...7]))
        #expect(Array(last[6...16]) == Array(aggregated[11...21]))
    }
}

/// LoadRunner's Locust-format files against the files a real Locust 2.47 run wrote (`Fixtures/locust-2.47`):
/// the same header bytes, CRLF line ends, as many fields in each row as in the header, the same kind of value in
/// each column (a number in the same columns, `N/A` in none other).
@Suite struct LocustRecordedRunTests {
    static func recorded(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try String(contentsOf: url.appendingPathComponent("locust-2.47/" + name), encoding: .utf8)
    }

    static func ours(_ name: String) -> String {
        let result = ReportFixtures.result()
        switch name {
        case "locust_stats.csv": return LocustStatsCSV.render(result)
        case "locust_failures.csv": return LocustFailuresCSV.render(result)
        default:
            var text = ""
            LocustHistoryCSV.write(result.series, fullHistory: false, to: &text)
            return text
        }
    }

    @Test(arguments: ["locust_stats.csv", "locust_stats_history.csv", "locust_failures.csv"])
    func sameShapeAsLocusts(file: String) throws {
        let theirs = try Self.recorded(file)
        let ours = Self.ours(file)
        let theirLines = theirs.components(separatedBy: "\r\n")
        let ourLines = ours.components(separatedBy: "\r\n")
        #expect(Data(ourLines[0].utf8) == Data(theirLines[0].utf8), "same header bytes")
        for text in [theirs, ours] {
            #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        }
        let width = LocustFormatTests.columns(theirLines[0]).count
        let theirRows = theirLines.dropFirst().filter { !$0.isEmpty }.map(LocustFormatTests.columns)
        let ourRows = ourLines.dropFirst().filter { !$0.isEmpty }.map(LocustFormatTests.columns)
        #expect(!theirRows.isEmpty && !ourRows.isEmpty)
        #expect((theirRows + ourRows).allSatisfy { $0.count == width })
        // A column holds numbers in Locust's rows exactly when it does in LoadRunner's (`N/A` counts as a number
        // where Locust writes it: its percentile columns before any request).
        let numeric = { (rows: [[String]]) in
            (0..<width).map { column in rows.allSatisfy { Double($0[column]) != nil || $0[column] == "N/A" } }
        }
        #expect(numeric(theirRows) == numeric(ourRows))
    }
}
