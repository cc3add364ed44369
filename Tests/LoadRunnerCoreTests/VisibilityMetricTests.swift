import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerProfile
@testable import LoadRunnerReports
import Testing

/// Visibility probes and flows as metrics: their paths, their values worked out by hand from fixed rows, thresholds
/// and budgets on them, validation against the profile's reads and flows, and their rows in `compare`.
@Suite struct VisibilityMetricTests {
    /// Three probes seen on the first poll after 1, 2 and 3 ms (primary), one seen on its third poll after 40 ms and one
    /// never seen (replica1): stale 2 of 5, not visible 1 of 5.
    static func probes() -> [VisibilityStats] {
        var primary = VisibilityStats(name: "item/get", node: "primary")
        for millis in [1, 2, 3] { primary.recordProbe(visibleAfterMicros: Int64(millis) * 1_000, polls: 1) }
        var replica = VisibilityStats(name: "item/get", node: "replica1")
        replica.recordProbe(visibleAfterMicros: 40_000, polls: 3)
        replica.recordProbe(visibleAfterMicros: nil, polls: 5)
        return [primary, replica]
    }

    /// Four completed iterations of 10, 20, 30 and 40 ms and one skipped.
    static func flow() -> FlowStats {
        var flow = FlowStats(name: "sign up")
        for millis in [10, 20, 30, 40] { flow.recordIteration(startMicros: 0, endMicros: Int64(millis) * 1_000, skipped: false) }
        flow.recordIteration(startMicros: 0, endMicros: 0, skipped: true)
        return flow
    }

    static func parsed(_ text: String) throws -> MetricID { try MetricID.parse(text).get() }

    @Test func pathsParseAndPrintBack() throws {
        let cases: [(String, MetricID)] = [
            ("visibility[item/get].stale_rate", MetricID(.visibility(read: "item/get", node: nil), .staleRate)),
            ("visibility[item/get@replica1].p95", MetricID(.visibility(read: "item/get", node: "replica1"), .percentile(95))),
            ("visibility.p99", MetricID(.visibility(read: nil, node: nil), .percentile(99))),
            ("visibility[item/get].not_visible_rate", MetricID(.visibility(read: "item/get", node: nil), .notVisibleRate)),
            ("flow[sign up].p95", MetricID(.flow("sign up"), .percentile(95))),
            ("flow[sign up].skipped_rate", MetricID(.flow("sign up"), .skippedRate)),
            ("flow[sign up].completed", MetricID(.flow("sign up"), .completed)),
        ]
        for (text, metric) in cases {
            #expect(try Self.parsed(text) == metric)
            #expect(metric.description == text)
        }
        #expect(MetricID(.visibility(read: "r", node: nil), .staleRate).unit() == .ratio)
        #expect(MetricID(.visibility(read: "r", node: nil), .percentile(95)).unit() == .microseconds)
        #expect(MetricID(.flow("f"), .completed).polarity == .higherIsBetter)
        #expect(MetricID(.flow("f"), .skipped).polarity == .lowerIsBetter)
        guard case .failure(.unknownMeasure(_, let subject, let suggestion)) = MetricID.parse("visibility[r].stale_rat") else {
            Issue.record("a misspelt measure parsed")
            return
        }
        #expect(subject == "visibility[r]" && suggestion == "stale_rate")
    }

    @Test func valuesAreThoseWorkedOutByHand() throws {
        var result = ReportFixtures.result()
        result.stages[0].visibility = Self.probes()
        result.stages[0].flows = [Self.flow()]
        let values = MetricValues(result: result)
        func value(_ path: String) throws -> Double? { values.value(try Self.parsed(path), in: .stage(1)) }
        #expect(try value("visibility[item/get].stale_rate") == 0.4)
        #expect(try value("visibility[item/get].not_visible") == 1)
        #expect(try value("visibility[item/get].not_visible_rate") == 0.2)
        #expect(try value("visibility[item/get].probes") == 5)
        #expect(try value("visibility.p50") == 2_000)
        // 40 ms is the top of its bucket: 40,000 + 31 µs.
        #expect(try value("visibility[item/get].max") == 40_031)
        #expect(try value("visibility[item/get@primary].stale_rate") == 0)
        #expect(try value("visibility[item/get@replica1].stale_rate") == 1)
        #expect(try value("visibility[item/get@replica2].stale_rate") == nil)
        #expect(try value("visibility[other].p95") == nil)
        #expect(try value("flow[sign up].completed") == 4)
        #expect(try value("flow[sign up].skipped") == 1)
        #expect(try value("flow[sign up].skipped_rate") == 0.2)
        // 20 ms is the top of its 16 µs bucket: 20,000 + 15 µs.
        #expect(try value("flow[sign up].p50") == 20_015)
        #expect(values.value(try Self.parsed("flow[sign up].completed"), in: .run) == 4)
    }

    @Test func thresholdsOnThemAreJudgedPerStage() throws {
        var result = ReportFixtures.result()
        result.stages[0].visibility = Self.probes()
        result.stages[0].flows = [Self.flow()]
        let specs = try ["visibility[item/get].stale_rate < 0.01", "visibility[item/get@primary].stale_rate < 1%",
                         "flow[sign up].p95 < 100ms", "stage 1: visibility.not_visible < 1"]
            .map { try ThresholdParser.parse($0).get() }
        let outcomes = ThresholdEvaluator.evaluate(specs, on: result).filter { $0.stage == 1 }
        #expect(outcomes.map(\.status) == [.failed, .passed, .passed, .failed])
        #expect(outcomes[0].summary == "stage 1: visibility[item/get].stale_rate = 40%, not < 1%", "\(outcomes[0].summary)")
        #expect(outcomes[0].unit == "share" && outcomes[3].unit == "count")
    }

    @Test func aGateOnAReadOrFlowTheProfileLacksIsAnErrorWithItsLine() {
        let yaml = """
            target: http://127.0.0.1:8085
            flows:
              - name: write
                steps:
                  - { name: create, method: POST, path: /items, body: "{}", capture: { id: "json:$.id" } }
                  - await:
                      request: { name: item/get, path: "/items/{{ id }}" }
                      until: "status == 200"
            stages:
              - { users: 2, duration: 10s }
            thresholds:
              - "visibility[item/gte].stale_rate < 0.01"
              - "flow[wirte].p95 < 1s"
              - "visibility[item/get].stale_rate < 0.01"
              - "flow[write].skipped < 1"
            compare:
              - "visibility[item/got].p95 > +10%"
              - "visibility[item/get].stale_rate > +1%"
            """
        let problems = ProfileFixtures.problems(yaml)
        #expect(problems.count == 3, "\(problems.map(\.message))")
        #expect(problems.contains { $0.line == 17 && $0.message.contains("did you mean `visibility[item/get].p95`?") }, "\(problems.map(\.message))")
        #expect(problems.contains { $0.line == 12 && $0.message.contains("names a read of an `await:` step the profile does not have; did you mean `visibility[item/get].stale_rate`?") }, "\(problems.map(\.message))")
        #expect(problems.contains { $0.line == 13 && $0.message.contains("names a flow the profile does not have; did you mean `flow[write].p95`?") }, "\(problems.map(\.message))")
    }

    @Test func budgetsOnThemParse() throws {
        let stale = try Budget.parse("visibility[item/get].stale_rate > +1%").get()
        #expect(stale.metric == MetricID(.visibility(read: "item/get", node: nil), .staleRate))
        #expect(stale.absolute == 0.01 && stale.relative == nil)
        let flow = try Budget.parse("flow[sign up].p95 > +20% and +50ms").get()
        #expect(flow.metric == MetricID(.flow("sign up"), .percentile(95)))
        #expect(flow.relative == 0.2 && flow.absolute == 50_000)
        let completed = try Budget.parse("flow[sign up].completed < -10%").get()
        #expect(completed.relative == 0.1)
        #expect(throws: (any Error).self) { try Budget.parse("flow[sign up].completed > +10%").get() }
        let data = try JSONEncoder().encode(stale)
        #expect(try JSONDecoder().decode(Budget.self, from: data) == stale)
    }

    /// The fixture runs with probes and a flow in every stage; the candidate's reads are all stale and 40 ms later.
    static func runs() -> (RunResult, RunResult) {
        var baseline = CompareFixtures.baseline, candidate = CompareFixtures.run(seed: 2)
        for index in baseline.stages.indices {
            var now = VisibilityStats(name: "item/get", node: nil)
            var late = VisibilityStats(name: "item/get", node: nil)
            for millis in 1...20 {
                now.recordProbe(visibleAfterMicros: Int64(millis) * 100, polls: 1)
                late.recordProbe(visibleAfterMicros: 40_000 + Int64(millis) * 100, polls: 9)
            }
            baseline.stages[index].visibility = [now]
            candidate.stages[index].visibility = [late]
            baseline.stages[index].flows = [flow()]
            candidate.stages[index].flows = [flow()]
        }
        return (baseline, candidate)
    }

    @Test func compareShowsReadsAndFlowsAndABudgetOnThemJudges() throws {
        let (baseline, candidate) = Self.runs()
        let budgets = Budget.defaults + [try Budget.parse("visibility[item/get].stale_rate > +1%").get()]
        let result = CompareFixtures.compare(baseline, candidate, comparator: RunComparator(budgets: budgets))
        let rows = try #require(result.flows)
        let stale = try #require(rows.first { $0.stage == 1 && $0.metric.measure == .staleRate })
        #expect(stale.baseline == 0 && stale.candidate == 1 && stale.interval == nil)
        #expect(stale.verdict == .worse && stale.isRegression)
        let p95 = try #require(rows.first { $0.stage == 1 && $0.metric == MetricID(.visibility(read: "item/get", node: nil), .percentile(95)) })
        #expect(try #require(p95.change) >= 38_000)
        #expect(p95.budget == nil && !p95.isRegression)
        #expect(rows.filter { $0.stage == 1 }.map(\.metric.description) == [
            "visibility[item/get].p50", "visibility[item/get].p95", "visibility[item/get].p99",
            "visibility[item/get].stale_rate", "visibility[item/get].not_visible_rate",
            "flow[sign up].p50", "flow[sign up].p95", "flow[sign up].p99", "flow[sign up].completed", "flow[sign up].skipped_rate",
        ])
        #expect(result.failed)
        #expect(result.regressions.contains(stale))
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(CompareResult.self, from: data) == result)
        let same = CompareFixtures.compare(baseline, baseline, comparator: RunComparator(budgets: budgets))
        #expect(!(same.flows ?? []).contains { $0.verdict == .worse || $0.verdict == .better })
    }

    @Test func theCompareSectionMatchesItsGolden() throws {
        let (baseline, candidate) = Self.runs()
        let budgets = [try Budget.parse("visibility[item/get].stale_rate > +1%").get()]
        let result = CompareFixtures.compare(baseline, candidate, comparator: RunComparator(budgets: budgets))
        let text = MarkdownWriter.render(ReportDocument(title: "", blocks: CompareFlowsSection.blocks(result)))
        assertMatchesGolden(text, file: "compare-flows.md")
        let charts = CompareCharts.series(flows: result.flows ?? [], users: [1: 10, 2: 20])
        #expect(charts.map(\.fileName) == ["compare-visibility-p95-item-get.svg", "compare-visibility-stale-item-get.svg"])
        #expect(charts[1].points.map(\.candidate) == [100, 100])
        for chart in CompareCharts.charts(series: charts, baselineLabel: "before", candidateLabel: "after") {
            assertMatchesGolden(chart.svg, file: chart.fileName)
        }
    }

    @Test func theRunChartMatchesItsGolden() throws {
        var result = ReportFixtures.result()
        #expect(!RunCharts.fileNames(for: result).contains(RunCharts.visibilityFileName))
        result.stages[0].visibility = Self.probes()
        let charts = RunCharts.charts(for: result)
        #expect(charts.map(\.fileName) == RunCharts.fileNames(for: result))
        let chart = try #require(charts.first { $0.fileName == RunCharts.visibilityFileName })
        assertMatchesGolden(chart.svg, file: "chart-visibility.svg")
    }
}
