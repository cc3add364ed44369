import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports
import Testing

/// The open-stage metrics (`service.*`, `lag.*`, `missed`, `missed_rate`, `achieved_rps`, `target_rps`) on a run
/// whose figures are computed by hand: `ReportFixtures`' closed stage 1, then an open stage 2 at 52/s with a 2 s
/// window whose one request name `get` had 100 answered arrivals (the k-th, k = 1...100, served in 10·k µs and sent
/// 5·k µs late) and 4 missed ones. All values are below 2,048 µs, which the histogram keeps exactly.
@Suite struct OpenStageMetricsTests {
    static func openRows() -> [RequestStats] {
        var get = RequestStats(name: "get", method: "GET")
        for k in UInt64(1)...100 {
            let outcome = RequestOutcome(
                status: 200, bodyBytes: 10, newConnections: 0, timing: TransferTiming(totalMicros: 10 * k), failure: nil)
            get.recordOpen(outcome, latencyMicros: 15 * k, lagMicros: 5 * k)
        }
        for _ in 0..<4 {
            let missed = RequestOutcome(
                status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0),
                failure: RequestFailure(category: .missed, message: "missed"))
            get.recordOpen(missed, latencyMicros: 0, lagMicros: nil)
        }
        return [get]
    }

    /// The fixture run with stage 2 made open at `rate` per second (or left closed with nil).
    static func result(rate: Double? = 52) -> RunResult {
        var result = ReportFixtures.result(interrupted: false)
        guard let rate else { return result }
        let closed = result.stages[1]
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        openRows().forEach { aggregated.add($0) }
        var stage = StageResult(
            number: 2, users: 0, spawnRate: 0, startSeconds: closed.startSeconds, endSeconds: closed.startSeconds + 3,
            windowStartSeconds: closed.startSeconds + 1, windowEndSeconds: closed.startSeconds + 3,
            requests: openRows(), aggregated: aggregated, generator: closed.generator)
        stage.open = OpenStageStats(
            targetStartPerSecond: rate, targetEndPerSecond: rate, due: 104, sent: 100, completed: 100, missed: 4,
            maxConnections: 10_000)
        result.stages[1] = stage
        return result
    }

    static let values: [(String, MetricValues.Window, Double?)] = [
        ("total.service.p95", .stage(2), 950), ("total.service.p50", .stage(2), 500), ("total.service.max", .stage(2), 1_000),
        ("requests[get].service.p95", .stage(2), 950), ("requests[get].service.p(99.9)", .stage(2), 1_000),
        ("total.lag.p99", .stage(2), 495), ("total.lag.max", .stage(2), 500), ("requests[get].lag.max", .stage(2), 500),
        ("total.missed", .stage(2), 4), ("total.missed_rate", .stage(2), 4.0 / 104),
        ("total.achieved_rps", .stage(2), 50), ("total.target_rps", .stage(2), 52),
        ("requests[get].achieved_rps", .stage(2), 50),
        // p95 of an open stage is latency from the intended time: 15·k µs.
        ("latency.p95", .stage(2), 1_425),
        // A closed stage measured no service time and has no target; it missed nothing and sent all it counted.
        ("total.service.p95", .stage(1), nil), ("total.lag.p99", .stage(1), nil), ("total.target_rps", .stage(1), nil),
        ("total.missed", .stage(1), 0), ("total.missed_rate", .stage(1), 0),
        // The whole run: histograms merge (only stage 2 has them), counts add over the windows.
        ("total.service.p95", .run, 950), ("total.lag.max", .run, 500), ("total.missed", .run, 4),
    ]

    @Test(arguments: values)
    func valuesAreTheHandComputedOnes(path: String, window: MetricValues.Window, expected: Double?) throws {
        let metric = try MetricID.parse(path).get()
        #expect(MetricValues(result: Self.result()).value(metric, in: window) == expected)
    }

    /// `achieved_rps` of a closed stage is its `rps`; `target_rps` of the run is the open windows' planned arrivals
    /// per second of every window.
    @Test func achievedIsRpsInAClosedStageAndTheRunTargetWeighsWindows() throws {
        let result = Self.result()
        let values = MetricValues(result: result)
        #expect(values.value(MetricID(.total, .achievedRPS), in: .stage(1)) == values.value(MetricID(.total, .rps), in: .stage(1)))
        let seconds = result.stages.map(\.windowSeconds)
        #expect(values.value(MetricID(.total, .targetRPS), in: .run) == 52 * seconds[1] / (seconds[0] + seconds[1]))
    }

    /// A ramp's target over a window is its rate at the window's middle: 100/s to 300/s over 10 s, window from 2 s.
    @Test func aRampsTargetIsItsMeanOverTheWindow() {
        #expect(OpenStageStats.meanTarget(from: 100, to: 300, stage: 0...10, window: 2...10) == 220)
        #expect(OpenStageStats.meanTarget(from: 100, to: 300, stage: 0...10, window: 0...10) == 200)
        #expect(OpenStageStats.meanTarget(from: 250, to: 250, stage: 0...10, window: 2...10) == 250)
        var result = Self.result(rate: 100)
        result.stages[1].open?.targetEndPerSecond = 300
        let stage = result.stages[1]
        let middle = ((stage.windowStartSeconds + stage.windowEndSeconds) / 2 - stage.startSeconds) / (stage.endSeconds - stage.startSeconds)
        #expect(MetricValues(result: result).value(MetricID(.total, .targetRPS), in: .stage(2)) == 100 + 200 * middle)
    }

    @Test func unitsAndPolarity() throws {
        let cases: [(String, MetricUnit, Polarity)] = [
            ("total.service.p95", .microseconds, .lowerIsBetter), ("total.lag.p99", .microseconds, .lowerIsBetter),
            ("total.missed", .requests, .lowerIsBetter), ("total.missed_rate", .ratio, .lowerIsBetter),
            ("total.achieved_rps", .perSecond, .higherIsBetter), ("requests[a].achieved_rps", .perSecond, .higherIsBetter),
            ("total.target_rps", .perSecond, .lowerIsBetter),
        ]
        for (path, unit, polarity) in cases {
            let metric = try MetricID.parse(path).get()
            #expect(metric.unit() == unit && metric.polarity == polarity, "\(path)")
            #expect(metric.description == path)
        }
        #expect(MetricID.parse("service.p101", defaultSubject: .total) == .failure(.percentileOutOfRange("service.p101")))
        #expect((try? MetricID.parse("requests[a].target_rps").get()) == nil)
    }

    /// Thresholds read the same figures; on the closed stage the open-only ones are "not measured", never passed.
    @Test func thresholdsJudgeOpenStagesAndSayWhatAClosedStageDidNotMeasure() throws {
        let texts = ["service.p95 < 1ms", "lag.p99 < 0.4ms", "missed > 0", "missed < 1", "missed_rate < 5%",
                     "achieved_rps >= 50/s", "target_rps > 51", "get: service.max <= 1ms", "p95 < 1.5ms"]
        let specs = try texts.map { try ThresholdParser.parse($0).get() }
        let outcomes = ThresholdEvaluator.evaluate(specs, on: Self.result())
        let stage2 = outcomes.filter { $0.stage == 2 }.map(\.status)
        #expect(stage2 == [.passed, .failed, .passed, .failed, .passed, .passed, .passed, .passed, .passed])
        // Stage 1 is closed: service, lag and target were not measured there (`get` has no row in it at all).
        let stage1 = outcomes.filter { $0.stage == 1 }
        for index in [0, 1, 6] {
            #expect(stage1[index].status == .noData)
            #expect(stage1[index].summary.hasSuffix("no data (not measured in this stage)"), "\(stage1[index].summary)")
        }
        #expect(stage1[7].summary.hasSuffix("no data (no requests in the window)"))
        #expect(stage1[2].status == .failed && stage1[3].status == .passed && stage1[4].status == .passed)
        let units = outcomes.filter { $0.stage == 2 }.map(\.unit)
        #expect(units == ["us", "us", "count", "count", "share", "req/s", "req/s", "us", "us"])
        #expect(outcomes.first { $0.stage == 2 && $0.metric == "missed_rate" }?.observed == 4.0 / 104)
    }

    /// An open stage whose every arrival was missed sent nothing: no service time, no lag, said so.
    @Test func anOpenStageThatSentNothingSaysSo() throws {
        var result = Self.result()
        var rows = RequestStats(name: "get", method: "GET")
        let missed = RequestOutcome(
            status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0),
            failure: RequestFailure(category: .missed, message: "missed"))
        for _ in 0..<3 { rows.recordOpen(missed, latencyMicros: 0, lagMicros: nil) }
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        aggregated.add(rows)
        result.stages[1].requests = [rows]
        result.stages[1].aggregated = aggregated
        let specs = try ["stage 2: service.p95 < 1s", "stage 2: missed_rate < 1%", "stage 2: achieved_rps > 0"]
            .map { try ThresholdParser.parse($0).get() }
        let outcomes = ThresholdEvaluator.evaluate(specs, on: result)
        #expect(outcomes.map(\.status) == [.noData, .failed, .failed])
        #expect(outcomes[0].summary.hasSuffix("no data (no request of the window was sent)"))
        #expect(outcomes[1].observed == 1 && outcomes[2].observed == 0)
    }

    /// Compare adds the open measures only for a stage that is open in a run, and warns when the target rates
    /// differ, in every output.
    @Test func compareAddsOpenMeasuresAndWarnsWhenRatesDiffer() throws {
        let closedOnly = RunComparator().compare(
            baseline: Self.result(rate: nil), candidate: Self.result(rate: nil), baselineLabel: "a", candidateLabel: "b")
        #expect(!closedOnly.metrics.contains { MetricID.comparedOpenMeasures.contains($0.metric.measure) })
        #expect(closedOnly.mismatches.isEmpty)

        let result = RunComparator().compare(
            baseline: Self.result(rate: 200), candidate: Self.result(rate: 300), baselineLabel: "a", candidateLabel: "b")
        let open = result.metrics.filter { $0.stage == 2 && MetricID.comparedOpenMeasures.contains($0.metric.measure) }
        #expect(open.count == 2 * MetricID.comparedOpenMeasures.count)
        #expect(open.first { $0.metric == MetricID(.total, .servicePercentile(95)) }?.baseline == 950)
        #expect(open.first { $0.metric == MetricID(.total, .missed) }?.candidate == 4)
        #expect(!result.metrics.contains { $0.stage == 1 && MetricID.comparedOpenMeasures.contains($0.metric.measure) })
        let mismatch = try #require(result.mismatches.first { $0.kind == .targetRateDiffers })
        #expect(mismatch.stage == 2 && mismatch.baselineRate?.startPerSecond == 200 && mismatch.candidateRate?.endPerSecond == 300)
        let message = "Stage 2 ran an open stage at 200/s in the baseline and an open stage at 300/s in the candidate"
        #expect(mismatch.message.hasPrefix(message))
        #expect(CompareMarkdown.render(result).contains(message))
        #expect(result.markdownSummary().contains(message))
        let csv = CompareCSV.render(result).split(separator: "\n")
        #expect(csv.contains { $0.hasPrefix("2,0,,target_rps,req/s,200.000,300.000,100.000,50.00,") && $0.hasSuffix(",target_rate_differs") })
        #expect(csv.contains { $0.contains(",service.p95,us,950.0,950.0,") })
        let json = String(decoding: try CompareJSON.encode(result), as: UTF8.self)
        #expect(json.contains("\"target_rate_differs\""))
        #expect(try CompareJSON.decode(CompareJSON.encode(result)).mismatches == result.mismatches)

        let same = RunComparator().compare(
            baseline: Self.result(rate: 200), candidate: Self.result(rate: 200), baselineLabel: "a", candidateLabel: "b")
        #expect(!same.mismatches.contains { $0.kind == .targetRateDiffers })
    }

    /// An open stage matched with a closed one: both loads named, and no "0 users" mismatch beside it.
    @Test func openAgainstClosedIsOneMismatch() throws {
        let result = RunComparator().compare(
            baseline: Self.result(rate: nil), candidate: Self.result(rate: 52), baselineLabel: "a", candidateLabel: "b")
        // (The fixture's closed stage 2 has other request names: those mismatches are beside the point here.)
        let stage2 = result.mismatches.filter { $0.stage == 2 && [.targetRateDiffers, .usersDiffer].contains($0.kind) }
        #expect(stage2.map(\.kind) == [.targetRateDiffers])
        let users = Self.result(rate: nil).stages[1].users
        #expect(stage2[0].message.hasPrefix(
            "Stage 2 ran a closed stage with \(users) users in the baseline and an open stage at 52/s in the candidate"))
        #expect(result.metrics.contains { $0.stage == 2 && $0.metric == MetricID(.total, .servicePercentile(95)) && $0.baseline == nil })
    }

    /// A budget on an open measure is kept and judged (`missed` has no per-second samples: the budget alone decides).
    @Test func budgetsOnOpenMeasures() throws {
        let budgets = try ["missed > +0", "service.p95 > +10%"].map { try Budget.parse($0).get() }
        let result = RunComparator(budgets: budgets).compare(
            baseline: Self.result(rate: 52), candidate: Self.result(rate: 52), baselineLabel: "a", candidateLabel: "b")
        #expect(result.budgets.map(\.metric.measure) == [.servicePercentile(95), .missed])
        let missed = try #require(result.metrics.first { $0.stage == 2 && $0.metric == MetricID(.total, .missed) })
        #expect(missed.budget != nil && missed.verdict == .noSignificantChange)
    }
}
