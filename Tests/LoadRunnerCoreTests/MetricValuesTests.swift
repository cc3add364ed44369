import Testing
@testable import LoadRunnerModel
import LoadRunnerText
import LoadRunnerProfile
import LoadRunnerAnalysis
import LoadRunnerReports

/// Every metric path answered by `MetricValues` on a fixed run: `CommandReportFixtures`' run (two request names,
/// command monitors) with one process monitor added.
@Suite("Metric values")
struct MetricValuesTests {
    static let list = "requests[list items]"
    static let search = #"requests[search, "fuzzy"]"#

    static func result() -> RunResult {
        var result = CommandReportFixtures.result()
        let cpu: [Double?] = [nil, 10, 30, 50, 70, 90]
        let read: [Double?] = [nil, 1_000, 3_000, 0, 0, 4_000]
        let seconds = (0..<6).map { second in
            MonitorSecond(second: second, alive: true, pid: 42, processCount: 1, cpuPercent: cpu[second],
                          rssBytes: UInt64(100 * (second + 1)), readBytesPerSecond: read[second])
        }
        result.monitors = [MonitorSeries(name: "db", target: "pid 42", seconds: seconds, windowsOf: result.stages)]
        return result
    }

    static let table: [(String, MetricValues.Window, Double?)] = [
        // Counts and rates of a stage window, and of the whole run (warm-ups included).
        ("total.count", .stage(1), 13), ("total.failed", .stage(1), 0), ("total.ok", .stage(2), 13),
        ("total.failed", .stage(2), 3), ("total.rps", .stage(1), 6.5), ("total.rps", .stage(2), 8),
        ("total.error_rate", .stage(2), 0.1875), ("total.error_rate", .stage(1), 0),
        ("\(list).count", .stage(1), 11), ("\(list).failed", .stage(2), 2), ("\(search).ok", .stage(2), 4),
        ("total.count", .run, 32), ("total.failed", .run, 4), ("total.ok", .run, 28),
        ("total.error_rate", .run, 0.125), ("\(list).count", .run, 24), ("\(search).failed", .run, 2),
        ("total.rps", .run, 32.0 / 6),
        // Latencies (the smallest values are exact in the histogram).
        ("latency.min", .stage(1), 900), ("\(list).min", .stage(2), 1_900), ("\(search).min", .stage(1), 3_100),
        ("latency.min", .run, 900),
        // The generator.
        ("generator.cpu", .stage(1), 41.25), ("generator.lag.p99", .stage(2), 62_000), ("generator.lag.max", .stage(1), 2_100),
        // The run's CPU: the stages' figures weighted by their 2 s windows, not the per-second series (whose
        // seconds the monitor never reached read 0).
        ("generator.cpu", .run, (41.25 + 96.5) / 2), ("generator.lag.max", .run, 81_000),
        // A process monitor: stage 1 is seconds 1-2, stage 2 seconds 4-5.
        ("monitor[db].cpu", .stage(1), 20), ("monitor[db].cpu_max", .stage(2), 90), ("monitor[db].memory", .stage(1), 250),
        ("monitor[db].memory_max", .stage(2), 600), ("monitor[db].disk_read", .stage(2), 2_000),
        ("monitor[db].disk_write", .stage(1), nil), ("monitor[db].cpu", .run, 50), ("monitor[db].memory_max", .run, 600),
        // Command monitors: stage 1 holds the samples at 1 s and 2 s.
        ("command[replica1 lag].min", .stage(1), 1_200), ("command[replica1 lag].max", .stage(1), 4_800),
        ("command[replica1 lag].mean", .stage(1), 3_000), ("command[replica1 lag].last", .stage(2), 0),
        ("command[replica1 lag].count", .stage(2), 2), ("command[replica1 lag].max", .run, 96_000),
        ("command[replica2 lag].count", .stage(2), 0), ("command[replica2 lag].max", .stage(2), nil),
        ("command[rows on replica1].mean", .stage(2), 23), ("command[rows on replica1].last", .run, 26),
        // What the run does not have.
        ("monitor[nope].cpu", .stage(1), nil), ("command[nope].max", .run, nil), ("requests[nope].count", .stage(1), nil),
        ("requests[nope].count", .run, nil), ("total.count", .stage(3), nil),
    ]

    @Test(arguments: table)
    func answersEveryPath(path: String, window: MetricValues.Window, value: Double?) throws {
        let metric = try MetricID.parse(path).get()
        let found = MetricValues(result: Self.result()).value(metric, in: window)
        if let value, let found {
            #expect(abs(found - value) < 1e-9, "\(path) over \(window): \(found)")
        } else {
            #expect(found == value, "\(path) over \(window)")
        }
    }

    @Test func latencyPercentilesAreTheStageHistograms() throws {
        let result = Self.result()
        let values = MetricValues(result: result)
        for stage in result.stages {
            for percentile in [50.0, 95, 99, 99.9] {
                #expect(values.value(MetricID(.total, .percentile(percentile)), in: .stage(stage.number))
                    == Double(stage.aggregated.latency.micros(atPercentile: percentile)))
            }
            #expect(values.value(try MetricID.parse("latency.mean").get(), in: .stage(stage.number)) == stage.aggregated.meanMicros)
            #expect(values.value(try MetricID.parse("latency.max").get(), in: .stage(stage.number))
                == Double(stage.aggregated.latency.maxMicros))
        }
    }

    @Test func unitsAndPolarities() throws {
        let cases: [(String, MetricUnit, Polarity)] = [
            ("latency.p95", .microseconds, .lowerIsBetter), ("total.rps", .perSecond, .higherIsBetter),
            ("total.failed", .requests, .lowerIsBetter), ("requests[a].ok", .requests, .higherIsBetter),
            ("total.error_rate", .ratio, .lowerIsBetter), ("generator.cpu", .percent, .lowerIsBetter),
            ("generator.lag.p99", .microseconds, .lowerIsBetter), ("monitor[db].memory", .bytes, .lowerIsBetter),
            ("monitor[db].disk_read", .bytesPerSecond, .lowerIsBetter), ("command[lag].max", .custom("bytes"), .lowerIsBetter),
            ("command[lag].count", .count, .lowerIsBetter),
        ]
        for (path, unit, polarity) in cases {
            let metric = try MetricID.parse(path).get()
            #expect(metric.unit(commandUnit: "bytes") == unit, "\(path)")
            #expect(metric.polarity == polarity, "\(path)")
        }
    }
}
