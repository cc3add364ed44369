import Foundation
@testable import LoadRunnerAnalysis
import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// `compare` of open stages on runs computed by hand: one open stage of a 20 s window at 10/s whose one request
/// name `get` has, in every second, 10 arrivals sent `(k + 1) · 100` µs late and served in `base + (k + 1) · 100` µs
/// (k = 0...9; all below 2,048 µs, which the histogram keeps exactly), plus `missedPerSecond` missed ones.
@Suite struct OpenCompareTests {
    /// `keepingMissed`: the seconds keep their missed arrivals (`IntervalStats.missed`), as files written now do.
    static func run(serviceBaseMicros: UInt64, missedPerSecond: Int = 0, rate: Double = 10, keepingMissed: Bool = false) -> RunResult {
        var window = RequestStats(name: "get", method: "GET")
        var series: [SecondSample] = []
        let zero = RunningTotals(
            requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
        for second in 0..<20 {
            var row = RequestStats(name: "get", method: "GET")
            for k in UInt64(0)..<10 {
                let service = serviceBaseMicros + (k + 1) * 100, lag = (k + 1) * 100
                row.recordOpen(
                    RequestOutcome(status: 200, bodyBytes: 10, newConnections: 0, timing: TransferTiming(totalMicros: service), failure: nil),
                    latencyMicros: service + lag, lagMicros: lag)
            }
            for _ in 0..<missedPerSecond {
                row.recordOpen(
                    RequestOutcome(status: 0, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: 0),
                                   failure: RequestFailure(category: .missed, message: "missed")),
                    latencyMicros: 0, lagMicros: nil)
            }
            window.add(row)
            var interval = IntervalStats(
                name: "get", method: "GET", requests: row.requests, failures: row.failures, bodyBytes: row.bodyBytes,
                latency: row.latency, total: zero)
            interval.service = row.service.map(LatencyBuckets.init)
            interval.lag = row.lag.map(LatencyBuckets.init)
            var aggregated = IntervalStats(
                name: RequestStats.aggregatedName, method: "", requests: row.requests, failures: row.failures,
                bodyBytes: row.bodyBytes, latency: row.latency, total: zero)
            aggregated.latency = nil
            if keepingMissed {
                interval.missed = UInt64(missedPerSecond)
                aggregated.missed = UInt64(missedPerSecond)
            }
            series.append(SecondSample(
                second: second, unixTime: 1_714_564_801 + second, users: 0, stage: 1, inWindow: true, requests: [interval],
                aggregated: aggregated, generatorCPUPercent: 10, schedulingLagMicros: 100))
        }
        var aggregated = RequestStats(name: RequestStats.aggregatedName, method: "")
        aggregated.add(window)
        var stage = StageResult(
            number: 1, users: 0, spawnRate: 0, startSeconds: 0, endSeconds: 20, windowStartSeconds: 0, windowEndSeconds: 20,
            requests: [window], aggregated: aggregated,
            generator: GeneratorStats(cpuPercent: 10, allowedCores: 1, schedulingLagP99Micros: 100, schedulingLagMaxMicros: 200))
        let due = UInt64(20 * (10 + missedPerSecond))
        stage.open = OpenStageStats(
            targetStartPerSecond: rate, targetEndPerSecond: rate, due: due, sent: 200, completed: 200,
            missed: UInt64(20 * missedPerSecond), maxConnections: 100)
        return RunResult(
            provenance: CompareFixtures.provenance(start: CompareFixtures.start, seconds: 20), stages: [stage],
            series: series, failures: [], interrupted: false)
    }

    /// Over every second of the window once, the resampled statistic of `service.*` and `lag.*` is the point value:
    /// service p95 is the 190th smallest of 200 samples, base + 1,000 µs; lag p99 the 198th, 1,000 µs.
    @Test func wholeWindowServiceAndLagAreThePoint() throws {
        let run = Self.run(serviceBaseMicros: 500)
        let stage = run.stages[0]
        let window = PerSecondSamples.window(run.series, stage: stage)
        for (name, stats) in [("get", stage.requests[0]), (nil, stage.aggregated)] as [(String?, RequestStats)] {
            let series = WindowSeries(window, name: name, method: "GET")
            #expect(series.service != nil && series.lag != nil)
            for measure in [MetricMeasure.servicePercentile(95), .servicePercentile(50), .serviceMax, .lagP99, .lagMax] {
                let statistic = try #require(WindowStatistic(measure, series))
                let point = RunComparator.pointValue(stats, metric: MetricID(.total, measure), windowSeconds: 20)
                #expect(statistic.value(firsts: [0], ends: [20]) == point, "\(name ?? "Aggregated") \(measure)")
            }
        }
        let values = MetricValues(result: run)
        #expect(values.value(MetricID(.total, .servicePercentile(95)), in: .stage(1)) == 1_500)
        #expect(values.value(MetricID(.total, .lagP99), in: .stage(1)) == 1_000)
    }

    /// Service 300 µs slower in every arrival: the change is exactly 300 µs and its interval is that point (every
    /// resample of either run gives the same p95); the same run against itself changes by 0, inside its interval.
    @Test func serviceChangeHasAnIntervalThatHoldsIt() throws {
        let budgets = try ["service.p95 > +10%"].map { try Budget.parse($0).get() }
        let result = RunComparator(budgets: budgets).compare(
            baseline: Self.run(serviceBaseMicros: 500), candidate: Self.run(serviceBaseMicros: 800),
            baselineLabel: "a", candidateLabel: "b")
        let service = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == .servicePercentile(95) })
        #expect(service.baseline == 1_500 && service.candidate == 1_800 && service.change == 300)
        let interval = try #require(service.interval)
        #expect(interval.low == 300 && interval.high == 300)
        #expect(service.verdict == .worse)
        #expect(result.method.budgetedIntervals == 2, "service.p95 of get and of the aggregate join the family")
        let lag = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == .lagP99 })
        #expect(lag.change == 0 && lag.interval?.low == 0 && lag.interval?.high == 0)
        #expect(result.metrics.first { $0.isAggregated && $0.metric.measure == .missed }?.interval == nil)

        let same = RunComparator(budgets: budgets).compare(
            baseline: Self.run(serviceBaseMicros: 500), candidate: Self.run(serviceBaseMicros: 500),
            baselineLabel: "a", candidateLabel: "a")
        let itself = try #require(same.metrics.first { $0.isAggregated && $0.metric.measure == .servicePercentile(95) })
        #expect(itself.change == 0 && itself.interval?.low == 0 && itself.interval?.high == 0)
        #expect(itself.verdict == .noSignificantChange)
    }

    /// `rps` leaves missed arrivals out, while a second's `requests` counts them: with missed arrivals in a run, `rps`
    /// has no per-second formula and its budget alone decides. Both runs made 200 requests in 20 s (the candidate
    /// also missed 100 arrivals): 10/s each.
    @Test func rpsWithMissedArrivalsIsJudgedOnItsBudget() throws {
        let result = RunComparator().compare(
            baseline: Self.run(serviceBaseMicros: 500, rate: 15), candidate: Self.run(serviceBaseMicros: 500, missedPerSecond: 5, rate: 15),
            baselineLabel: "a", candidateLabel: "b")
        let rps = try #require(result.metrics.first { $0.isAggregated && $0.metric.measure == .rps })
        #expect(rps.baseline == 10 && rps.candidate == 10 && rps.interval == nil)
        let noneMissed = RunComparator().compare(
            baseline: Self.run(serviceBaseMicros: 500), candidate: Self.run(serviceBaseMicros: 500),
            baselineLabel: "a", candidateLabel: "b")
        #expect(noneMissed.metrics.first { $0.isAggregated && $0.metric.measure == .rps }?.interval != nil)
    }

    /// The compare report's Open stages table: the target rates, then achieved rps, missed, latency p95, service p95 and
    /// lag p99 of both runs with the change; stage headings name the rate, not "0 users".
    @Test func theOpenStagesTable() throws {
        let result = RunComparator().compare(
            baseline: Self.run(serviceBaseMicros: 500), candidate: Self.run(serviceBaseMicros: 800, missedPerSecond: 1, rate: 11),
            baselineLabel: "a", candidateLabel: "b")
        let markdown = CompareMarkdown.render(result)
        #expect(markdown.contains("### Stage 1: 10/s (baseline), 11/s (candidate); windows 20.0 s (baseline) and 20.0 s (candidate)"))
        let after = try #require(markdown.components(separatedBy: "## Open stages\n").dropFirst().first)
        let section = after.components(separatedBy: "\n## ")[0]
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("|") }.dropFirst(2).map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.map { $0[1] } == ["Target rate", "Achieved RPS (sent)", "Missed", "Latency p95", "Service p95", "Lag p99"])
        #expect(Array(rows[0][2...4]) == ["10/s", "11/s", "differs (see Mismatches)"])
        // 200 sent in 20 s each; 20 missed in the candidate; latency p95 = service p95 + 1,000 µs lag at rank 190.
        #expect(Array(rows[1][2...4]) == ["10.00 req/s", "10.00 req/s", "0.00 req/s"])
        #expect(Array(rows[2][2...4]) == ["0.00 req", "20.00 req", "+20.00 req"])
        #expect(Array(rows[4][2...4]) == ["1.500 ms", "1.800 ms", "+0.300 ms"])
        #expect(Array(rows[5][2...4]) == ["1.000 ms", "1.000 ms", "0.000 ms"])
        #expect(!CompareMarkdown.render(RunComparator().compare(
            baseline: CompareSweepFixtures.run(seed: 1, names: 1, requestsPerSecond: 10, windowSeconds: 20),
            candidate: CompareSweepFixtures.run(seed: 2, names: 1, requestsPerSecond: 10, windowSeconds: 20),
            baselineLabel: "a", candidateLabel: "b")).contains("## Open stages"))
    }
}
