import Testing
@testable import LoadRunnerModel
import LoadRunnerText
import LoadRunnerProfile
import LoadRunnerAnalysis
import LoadRunnerReports

/// Thresholds on any series of the metric model: the generator, process monitors and command monitors.
@Suite("Series thresholds")
struct SeriesThresholdTests {
    @Test func anyPathIsAThreshold() throws {
        let cases: [(String, String, String)] = [
            ("monitor[db].cpu_max < 150%", "monitor[db].cpu_max", "%"),
            ("generator.cpu < 90", "generator.cpu", "%"),
            ("generator.lag.p99 < 50ms", "generator.lag.p99", "us"),
            ("command[replica2 lag].max <= 1048576", "command[replica2 lag].max", ""),
            ("stage 2: monitor[db].memory_max < 2000000000", "monitor[db].memory_max", "bytes"),
        ]
        for (text, path, unit) in cases {
            let spec = try ThresholdParser.parse(text).get()
            #expect(try spec.isSeries && spec.metric == MetricID.parse(path).get(), "\(text)")
            #expect(spec.metricName == path && spec.unit == unit, "\(text)")
        }
        #expect(try ThresholdParser.parse("generator.lag.p99 < 50ms").get().value == 50_000)
        #expect(try ThresholdParser.parse("monitor[db].cpu < 80%").get().value == 80)
    }

    @Test func wrongValuesAndRequestPathsAreExplained() {
        #expect(ThresholdParser.parse("generator.cpu < fast").map(\.value)
            == .failure(ThresholdParseError(text: "generator.cpu < fast", reason: .notAnAmount("fast", unit: "%"))))
        #expect(ThresholdParser.parse("requests[user/get].p95 < 1s").map(\.value) == .failure(ThresholdParseError(
            text: "requests[user/get].p95 < 1s", reason: .requestPath("requests[user/get].p95", suggestion: "user/get: p95"))))
        #expect(ThresholdParser.parse("stage 2: user/get: generator.cpu < 90").map(\.value) == .failure(ThresholdParseError(
            text: "stage 2: user/get: generator.cpu < 90", reason: .seriesWithName("generator.cpu", name: "user/get"))))
    }

    @Test func seriesThresholdsAreJudgedOnEachStageWindow() throws {
        let specs = try ["monitor[db].cpu_max < 50", "command[replica1 lag].max < 1000", "command[replica2 lag].max < 1"]
            .map { try ThresholdParser.parse($0).get() }
        let outcomes = ThresholdEvaluator.evaluate(specs, on: MetricValuesTests.result())
        #expect(outcomes.map { "\($0.stage) \($0.metric) \($0.status.rawValue)" } == [
            "1 monitor[db].cpu_max passed", "2 monitor[db].cpu_max failed",
            "1 command[replica1 lag].max failed", "2 command[replica1 lag].max passed",
            "1 command[replica2 lag].max failed", "2 command[replica2 lag].max no_data",
        ])
        #expect(outcomes[1].summary == "stage 2: monitor[db].cpu_max = 90%, not < 50%")
        #expect(outcomes[5].summary == "stage 2: command[replica2 lag].max < 1: no data (no value in the window)")
        // Mid-run, only request metrics are judged: a series needs the whole result.
        #expect(ThresholdEvaluator.evaluate(specs, stage: ReportFixtures.stage(2)).isEmpty)
    }

    @Test func validateNamesAMonitorTheProfileDoesNotHave() {
        let problems = ProfileFixtures.problems("""
            target: http://127.0.0.1:8085
            requests:
              - { name: insert, method: POST, path: /template }
            stages:
              - { users: 1, duration: 10s }
            monitors:
              - { name: db, pid: 12 }
            thresholds:
              - "monitor[dbb].cpu < 80%"
              - "monitor[db].cpu < 80%"
            """)
        #expect(problems.map(\.message) == [
            #""monitor[dbb].cpu" names a process monitor the profile does not have; did you mean `monitor[db].cpu`?"#,
        ])
    }
}
