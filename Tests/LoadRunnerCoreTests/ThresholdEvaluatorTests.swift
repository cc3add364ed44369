import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// `ThresholdEvaluator` on the report fixture (stage 1: p95 9.807 ms, no errors, 6.5 req/s; stage 2: p95
/// 30.111 ms, 18.75% errors, 8 req/s), and the no-data rules.
@Suite("Threshold evaluation")
struct ThresholdEvaluatorTests {
    static func spec(_ text: String, abortOnFail: Bool = false) -> ThresholdSpec {
        try! ThresholdParser.parse(text, abortOnFail: abortOnFail).get()
    }

    static let specs = [
        spec("p95 < 20ms"),
        spec("list items: p50 <= 2ms"),
        spec("stage 2: error_rate < 1%", abortOnFail: true),
        spec("rps > 5"),
        spec("stage 3: requests > 0"),
    ]

    @Test func judgesEveryStageInThresholdOrder() {
        let outcomes = ThresholdEvaluator.evaluate(Self.specs, on: ReportFixtures.result())
        #expect(outcomes.map(\.summary) == [
            "stage 1: p95 = 9.807 ms < 20 ms",
            "stage 2: p95 = 30.111 ms, not < 20 ms",
            "stage 1, list items: p50 = 1.3 ms <= 2 ms",
            "stage 2, list items: p50 = 2.801 ms, not <= 2 ms",
            "stage 2: error_rate = 18.75%, not < 1%",
            "stage 1: rps = 6.5 req/s > 5 req/s",
            "stage 2: rps = 8 req/s > 5 req/s",
            "stage 3: requests > 0: no data (the stage did not run)",
        ])
        #expect(outcomes.map(\.status) == [.passed, .failed, .passed, .failed, .failed, .passed, .passed, .noData])
        #expect(outcomes.map(\.stage) == [1, 2, 1, 2, 2, 1, 2, 3])
        #expect(outcomes.failed)
        #expect(outcomes.abortsRun)
        #expect(outcomes.countsText == "4 passed, 3 failed, 1 without data")
    }

    @Test func outcomeKeepsFiguresInBaseUnits() {
        let outcome = ThresholdEvaluator.evaluate([Self.specs[1]], on: ReportFixtures.result())[1]
        #expect(outcome == ThresholdOutcome(
            threshold: "list items: p50 <= 2ms", stage: 2, request: "list items", metric: "p50", operator: "<=",
            limit: 2_000, observed: 2_801, unit: "us", status: .failed, abortOnFail: false,
            summary: "stage 2, list items: p50 = 2.801 ms, not <= 2 ms"))
        #expect(outcome.scope == "stage 2, list items")
        #expect(outcome.observedText == "2.801 ms")
    }

    @Test func oneStageJudgesOnlyThresholdsForIt() {
        let outcomes = ThresholdEvaluator.evaluate(Self.specs, stage: ReportFixtures.stage(1))
        #expect(outcomes.map(\.threshold) == ["p95 < 20ms", "list items: p50 <= 2ms", "rps > 5"])
        #expect(!outcomes.failed)
        #expect(!outcomes.abortsRun)
        let second = ThresholdEvaluator.evaluate(Self.specs, stage: ReportFixtures.stage(2))
        #expect(second.abortsRun)
    }

    /// Mid-run, thresholds are judged on the window's statistics alone: the verdicts are the end-of-run ones.
    @Test func aWindowIsJudgedAsItsStage() {
        for number in [1, 2] {
            let stage = ReportFixtures.stage(number)
            let window = StageWindow(
                stage: number, requests: stage.requests, aggregated: stage.aggregated, windowSeconds: stage.windowSeconds)
            #expect(ThresholdEvaluator.evaluate(Self.specs, window: window) == ThresholdEvaluator.evaluate(Self.specs, stage: stage))
        }
    }

    @Test func failureWithoutAbortDoesNotStopTheRun() {
        let outcomes = ThresholdEvaluator.evaluate([Self.spec("p95 < 20ms")], stage: ReportFixtures.stage(2))
        #expect(outcomes.failed)
        #expect(!outcomes.abortsRun)
    }

    /// Latencies and error rate have no data without requests; counts and rps are 0.
    @Test func windowWithoutRequests() {
        var stage = ReportFixtures.stage(1)
        stage.requests = []
        stage.aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        let texts = ["p95 < 1s", "avg < 1s", "max < 1s", "error_rate < 1%", "requests > 0", "rps > 1", "failures < 1",
                     "requests < 10", "list items: min < 1s"]
        let outcomes = ThresholdEvaluator.evaluate(texts.map { Self.spec($0) }, stage: stage)
        #expect(outcomes.map(\.status) == [.noData, .noData, .noData, .noData, .failed, .failed, .passed, .passed, .noData])
        #expect(outcomes[0].summary == "stage 1: p95 < 1000 ms: no data (no requests in the window)")
        #expect(outcomes[0].observed == nil)
        #expect(outcomes[5].summary == "stage 1: rps = 0 req/s, not > 1 req/s")
    }

    @Test func windowOfNoLengthHasNoData() {
        var stage = ReportFixtures.stage(1)
        stage.windowEndSeconds = stage.windowStartSeconds
        let outcomes = ThresholdEvaluator.evaluate([Self.spec("requests > 0"), Self.spec("p95 < 1s")], stage: stage)
        #expect(outcomes.map(\.status) == [.noData, .noData])
        #expect(outcomes[0].summary == "stage 1: requests > 0: no data (the stage ended during its warm-up)")
    }

    @Test func runWithoutStagesShowsEveryThreshold() {
        var result = ReportFixtures.result()
        result.stages = []
        let outcomes = ThresholdEvaluator.evaluate([Self.spec("p95 < 1s"), Self.spec("stage 2: rps > 1")], on: result)
        #expect(outcomes.map(\.stage) == [1, 2])
        #expect(outcomes.allSatisfy { $0.status == .noData })
    }

    @Test func observedFiguresMatchTheReports() throws {
        let stage = ReportFixtures.stage(2)
        let figures = ["p50 < 1s", "p99 < 1s", "max < 1s", "min < 1s", "avg < 1s", "requests > 0", "failures < 1"]
            .map { ThresholdEvaluator.evaluate([Self.spec($0)], stage: stage)[0].observed }
        let stats = stage.aggregated
        #expect(figures == [
            Double(stats.latency.micros(atPercentile: 50)), Double(stats.latency.micros(atPercentile: 99)),
            Double(stats.latency.maxMicros), Double(stats.latency.minMicros), stats.meanMicros, 16, 3,
        ])
    }

    @Test func percentileBoundsUseOperators() {
        // p95 of stage 1 is exactly 9807 us.
        let stage = ReportFixtures.stage(1)
        let statuses = ["p95 < 9807us", "p95 <= 9807us", "p95 > 9807us", "p95 >= 9807us"]
            .map { ThresholdEvaluator.evaluate([Self.spec($0)], stage: stage)[0].status }
        #expect(statuses == [.failed, .passed, .failed, .passed])
    }

    @Test func resultStoresOutcomesOnlyWithThresholds() {
        var result = ReportFixtures.result()
        result.evaluateThresholds([])
        #expect(result.thresholds == nil)
        #expect(!result.thresholdsFailed)
        result.evaluateThresholds(Self.specs)
        #expect(result.thresholds?.count == 8)
        #expect(result.thresholdsFailed)
    }
}
