import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Testing

/// The live view's state, its Prometheus text and its JSON, from hand-made samples.
@Suite struct LiveStateTests {
    /// `count` requests of `micros` each for request "get", `failures` of them failed.
    static func sample(
        second: Int, stage: Int, users: Int = 3, count: UInt64, micros: UInt64, failures: UInt64 = 0, inWindow: Bool = true,
        cpuPercent: Double = 25
    ) -> SecondSample {
        var latency = LatencyHistogram()
        if count > 0 { latency.record(micros: micros, count: count) }
        let totals = RunningTotals(requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
        let row = IntervalStats(name: "get \"a\"\\b", method: "GET", requests: count, failures: failures, bodyBytes: 0, latency: latency, total: totals)
        var aggregate = row
        aggregate.name = "Aggregated"
        return SecondSample(
            second: second, unixTime: 1_800_000_000 + second, users: users, stage: stage, inWindow: inWindow, requests: [row],
            aggregated: aggregate, generatorCPUPercent: cpuPercent, schedulingLagMicros: 1500)
    }

    static func state() -> LiveState {
        LiveState(
            profileName: "live",
            stages: [
                Stage(users: 3, spawnRate: 3, duration: .seconds(2), warmup: .seconds(1)),
                Stage(rate: ArrivalRate(startPerSecond: 100, endPerSecond: 200), duration: .seconds(10)),
            ],
            requestNames: [(name: "get \"a\"\\b", method: "GET")])
    }

    @Test func foldsSecondsIntoSeriesStagesAndTotals() {
        var state = Self.state()
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000, failures: 1, inWindow: false))
        state.record(Self.sample(second: 1, stage: 1, count: 20, micros: 2000))
        state.record(Self.sample(second: 2, stage: 2, users: 0, count: 5, micros: 30_000))
        #expect(state.seconds.map(\.requests) == [10, 20, 5])
        #expect(state.stageStartSeconds == [1: 0, 2: 2])
        #expect(state.requests.count == 1)
        #expect(state.requests[0].requests == 35)
        #expect(state.requests[0].failures == 1)
        #expect(state.stageTotals.map(\.requests) == [30, 5])
        #expect(state.stageTotals.map(\.seconds) == [2, 1])
        // HdrHistogram keeps 3 significant digits: 30,000 µs reads back within 0.1%.
        let p50 = try! #require(state.current?.p50Micros)
        #expect(p50 >= 30_000 && p50 <= 30_030)
        #expect(state.seconds[0].targetRate == nil)
        // Second 2 is the open stage's first: its middle is 0.5 s into a 10 s ramp from 100/s to 200/s.
        #expect(state.seconds[2].targetRate == 105)
    }

    @Test func prometheusCountsEveryRequestInTheRightBucket() {
        var state = Self.state()
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000, failures: 1))
        state.record(Self.sample(second: 1, stage: 2, users: 0, count: 5, micros: 30_000))
        state.finish(reportFolder: "/tmp/r")
        let text = PrometheusText.render(state)
        let labels = #"{name="get \"a\"\\b",method="GET""#
        #expect(text.contains("loadrunner_requests_total\(labels)} 15\n"))
        // Recorded without categories: the failure is counted as "unknown", so the categories still add up.
        #expect(text.contains("loadrunner_request_failures_total\(labels),category=\"unknown\"} 1\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_bucket\(labels),le=\"0.001\"} 0\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_bucket\(labels),le=\"0.0025\"} 10\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_bucket\(labels),le=\"0.025\"} 10\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_bucket\(labels),le=\"0.05\"} 15\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_bucket\(labels),le=\"+Inf\"} 15\n"))
        #expect(text.contains("loadrunner_request_duration_seconds_count\(labels)} 15\n"))
        #expect(text.contains("loadrunner_stage 2\n"))
        #expect(text.contains("loadrunner_target_rate 105\n"))
        #expect(text.contains("loadrunner_achieved_rate 5\n"))
        #expect(text.contains("loadrunner_generator_cpu_ratio 0.25\n"))
        #expect(text.contains("loadrunner_generator_lag_seconds 0.0015\n"))
        #expect(text.contains("loadrunner_run_finished 1\n"))
        // The sum is 10 × 2 ms + 5 × 30 ms = 0.17 s, within HdrHistogram's 0.1%.
        let sumLine = text.split(separator: "\n").first { $0.hasPrefix("loadrunner_request_duration_seconds_sum") }
        let sum = Double(sumLine?.split(separator: " ").last ?? "") ?? 0
        #expect(abs(sum - 0.17) < 0.17 * 0.001)
        #expect(PrometheusText.escaped("a\nb") == #"a\nb"#)
    }

    @Test func samplesCarryTheEndOfTheirSecond() {
        var state = Self.state()
        state.start(at: Date(timeIntervalSince1970: 1_800_000_000.25))
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000))
        state.record(Self.sample(second: 1, stage: 1, count: 20, micros: 2000))
        let lines = PrometheusText.render(state).split(separator: "\n")
        // The second second ends 2 s after the start: 1,800,000,002,250 ms.
        #expect(lines.contains("loadrunner_requests_total{name=\"get \\\"a\\\"\\\\b\",method=\"GET\"} 30 1800000002250"))
        #expect(lines.filter { !$0.hasPrefix("#") }.allSatisfy { $0.hasSuffix(" 1800000002250") })
        #expect(lines.contains("# TYPE loadrunner_users gauge"))
    }

    @Test func jsonCarriesCurrentStageRatesAndReport() throws {
        var state = Self.state()
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000, failures: 2))
        state.note(.warning("a monitor found no process"))
        state.finish(reportFolder: "/tmp/r")
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(try LiveStateJSON.render(state).utf8)) as? [String: Any])
        let current = try #require(json["current"] as? [String: Any])
        #expect(current["stage"] as? Int == 1)
        #expect(current["requests"] as? Int == 10)
        #expect(current["failures"] as? Int == 2)
        #expect(json["finished"] as? Bool == true)
        #expect(json["reportFolder"] as? String == "/tmp/r")
        #expect(json["elapsedSeconds"] as? Int == 1)
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.map { $0["kind"] as? String } == ["closed", "open"])
        #expect(stages[1]["rate"] as? String == "100/s to 200/s")
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.first?["message"] as? String == "a monitor found no process")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A NaN or infinite reading (here the generator's CPU) is left out of its object; the rest of the document is
    /// served as ever, never an empty `{}`.
    @Test func aNonFiniteNumberIsLeftOutNotTheDocument() throws {
        var state = Self.state()
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000, cpuPercent: .nan))
        state.record(Self.sample(second: 1, stage: 1, count: 20, micros: 2000, cpuPercent: .infinity))
        let json = try Self.json(try LiveStateJSON.render(state))
        #expect(json["profile"] as? String == "live")
        let seconds = try #require(json["seconds"] as? [[String: Any]])
        #expect(seconds.count == 2)
        #expect(seconds.allSatisfy { $0["generatorCPUPercent"] == nil && $0["requests"] != nil })
        let current = try #require(json["current"] as? [String: Any])
        #expect(current["requests"] as? Int == 20)
        #expect(current["generatorCPUPercent"] == nil)
    }

    /// `since=S` keeps only the seconds after S; `current` and the tables stay whole.
    @Test func sinceKeepsOnlyTheNewSeconds() throws {
        var state = Self.state()
        for second in 0..<5 { state.record(Self.sample(second: second, stage: 1, count: UInt64(10 + second), micros: 2000)) }
        let json = try Self.json(try LiveStateJSON.render(state, secondsAfter: 2))
        let seconds = try #require(json["seconds"] as? [[String: Any]])
        #expect(seconds.map { $0["second"] as? Int } == [3, 4])
        #expect((json["current"] as? [String: Any])?["second"] as? Int == 4)
        #expect((json["requests"] as? [[String: Any]])?.first?["requests"] as? Int == 60)
        let past = try Self.json(try LiveStateJSON.render(state, secondsAfter: 4))
        #expect((past["seconds"] as? [Any])?.isEmpty == true)
        let all = try Self.json(try LiveStateJSON.render(state, secondsAfter: -1))
        #expect((all["seconds"] as? [Any])?.count == 5)
    }

    /// Failures by category: one counter per category seen, adding up to the request's failures.
    @Test func failuresAreCountedByCategory() throws {
        var state = Self.state()
        let name = "get \"a\"\\b"
        state.record(
            Self.sample(second: 0, stage: 1, count: 10, micros: 2000, failures: 3),
            failures: [RequestFailureCounts(name: name, method: "GET", byCategory: [.httpStatus: 2, .timeout: 1])])
        state.record(
            Self.sample(second: 1, stage: 1, count: 10, micros: 2000, failures: 1),
            failures: [RequestFailureCounts(name: name, method: "GET", byCategory: [.httpStatus: 1])])
        let text = PrometheusText.render(state)
        let labels = #"{name="get \"a\"\\b",method="GET""#
        #expect(text.contains("loadrunner_request_failures_total\(labels),category=\"http_status\"} 3\n"))
        #expect(text.contains("loadrunner_request_failures_total\(labels),category=\"timeout\"} 1\n"))
        #expect(!text.contains("category=\"unknown\""))
        let json = try Self.json(try LiveStateJSON.render(state))
        let row = try #require((json["requests"] as? [[String: Any]])?.first)
        #expect(row["failures"] as? Int == 4)
        #expect(row["failuresByCategory"] as? [String: Int] == ["http_status": 3, "timeout": 1])
    }

    /// Monitors' readings show once the next second completes, as gauges with base units; a value a reading does not
    /// have has no sample.
    @Test func monitorsShowTheirLatestReadingAtTheNextSecond() throws {
        var state = Self.state()
        state.record(Self.sample(second: 0, stage: 1, count: 10, micros: 2000))
        state.monitorRead(.process(name: "db", MonitorSecond(
            second: 0, alive: true, pid: 42, processCount: 3, cpuPercent: 150, rssBytes: 2048, pssBytes: 1024,
            readBytesPerSecond: nil, writeBytesPerSecond: 512)))
        state.monitorRead(.command(name: "lag", unit: "bytes", CommandMonitorSample(atSeconds: 0.5, value: 77, problem: nil)))
        #expect(!PrometheusText.render(state).contains("loadrunner_monitor_up"))
        state.record(Self.sample(second: 1, stage: 1, count: 10, micros: 2000))
        let text = PrometheusText.render(state)
        #expect(text.contains("loadrunner_monitor_up{monitor=\"db\"} 1\n"))
        #expect(text.contains("loadrunner_monitor_processes{monitor=\"db\"} 3\n"))
        #expect(text.contains("loadrunner_monitor_cpu_ratio{monitor=\"db\"} 1.5\n"))
        #expect(text.contains("loadrunner_monitor_pss_bytes{monitor=\"db\"} 1024\n"))
        #expect(text.contains("loadrunner_monitor_rss_bytes{monitor=\"db\"} 2048\n"))
        #expect(text.contains("loadrunner_monitor_write_bytes_per_second{monitor=\"db\"} 512\n"))
        #expect(!text.contains("loadrunner_monitor_read_bytes_per_second{"))
        #expect(text.contains("loadrunner_command_monitor_value{monitor=\"lag\",unit=\"bytes\"} 77\n"))
        let monitors = try #require(try Self.json(try LiveStateJSON.render(state))["monitors"] as? [[String: Any]])
        #expect(monitors.map { $0["name"] as? String } == ["db", "lag"])
        #expect(monitors[1]["value"] as? Int == 77)
    }
}
