import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// Logarithmic value axes: 1-2-5 ticks per decade, when `automatic` picks them, how they print, and charts
/// whose values span orders of magnitude (the replica demo's p50 per stage: 2 ms, 3 ms, 5 ms, 1.1 s).
///
/// Re-record its golden charts with `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter ChartLogScaleTests`.
@Suite struct ChartLogScaleTests {
    @Test(arguments: [
        (2, 1100, 6, false, [1, 10, 100, 1000, 10_000]),
        (2, 1100, 10, false, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]),
        (0.3, 40, 10, false, [0.2, 0.5, 1, 2, 5, 10, 20, 50]),
        (0.0021, 0.15, 6, false, [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]),
        (1, 1_000_000, 4, false, [0.01, 1, 100, 10_000, 1_000_000]),
        (5, 500, 6, true, [0, 1, 10, 100, 1000]),
        (10, 10, 4, false, [5, 10]),
        (0, 0, 4, false, [0.5, 1, 2, 5, 10]),
    ] as [(Double, Double, Int, Bool, [Double])])
    func logarithmicTicks(minimum: Double, maximum: Double, maxIntervals: Int, zero: Bool, expected: [Double]) {
        let ticks = NiceTicks.logarithmic(from: minimum, to: maximum, maxIntervals: maxIntervals, includeZero: zero)
        #expect(ticks.values == expected)
        #expect(ticks.isLogarithmic)
        #expect(ticks.values.count - 1 <= maxIntervals)
        // The smallest value rises above the first positive tick; the largest is at or under the last.
        let positive = ticks.values.filter { $0 > 0 }
        if minimum > 0 { #expect(positive[0] < minimum && ticks.upper >= maximum) }
    }

    @Test(arguments: [
        ([2, 3, 5, 1100], AxisScale.logarithmic),
        ([2, 3, 5, 40], .linear),
        ([2, 100], .logarithmic),
        ([2, 99.9], .linear),
        ([0, 0, 2, 150], .logarithmic),
        ([-1, 2, 1100], .linear),
        ([0, 0], .linear),
        ([], .linear),
        ([1, .infinity, .nan, 10], .linear),
    ] as [([Double], AxisScale)])
    func automaticIsLogarithmicFromFiftyTimes(values: [Double], expected: AxisScale) {
        #expect(AxisScale.automatic.resolved(for: values) == expected)
        #expect(AxisScale.linear.resolved(for: values) == .linear)
        #expect(AxisScale.logarithmic.resolved(for: values) == .logarithmic)
    }

    @Test(arguments: [
        // The replica demo: most values under a second, so milliseconds.
        (ChartUnit.milliseconds, [2, 3, 5, 1100], 6, "p50 (ms, log scale)", ["1", "10", "100", "1000", "10000"]),
        // Most values over a second: seconds, every tick with the digits it needs.
        (.milliseconds, [500, 1500, 2000, 30_000], 8, "p50 (s, log scale)",
         ["0.2", "0.5", "1", "2", "5", "10", "20", "50"]),
        (.milliseconds, [0.0021, 0.004, 0.15], 6, "p50 (ms, log scale)",
         ["0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2"]),
        // Rates: each tick its own SI suffix.
        (.rate, [6.25, 7.5, 1250], 6, "p50 (log scale)", ["1", "10", "100", "1k", "10k"]),
        // A zero: a `0` floor under the first positive tick.
        (.milliseconds, [0, 2, 150], 6, "p50 (ms, log scale)", ["0", "1", "10", "100", "1000"]),
        (.bytes, [2_000, 5_000_000, 8_000_000], 6, "p50 (MB, log scale)", ["0.001", "0.01", "0.1", "1", "10"]),
    ] as [(ChartUnit, [Double], Int, String, [String])])
    func logarithmicLabels(unit: ChartUnit, values: [Double], maxIntervals: Int, title: String, expected: [String]) {
        let axis = Axis(title: "p50", unit: unit, values: values, maxIntervals: maxIntervals, scale: .automatic)
        #expect(axis.isLogarithmic)
        #expect(axis.fullTitle == title)
        #expect(axis.tickLabels == expected)
    }

    @Test func aNarrowRangeStaysLinearAndReadsAsBefore() {
        let values = [1.55, 9.807, 36.8, 52]
        let axis = Axis(title: "p50", unit: .milliseconds, values: values, maxIntervals: 6, scale: .automatic)
        let before = Axis(title: "p50", unit: .milliseconds, minimum: 1.55, maximum: 52, maxIntervals: 6)
        #expect(!axis.isLogarithmic)
        #expect(axis == before)
        #expect(axis.fullTitle == "p50 (ms)")
        #expect(axis.tickLabels == ["0", "10", "20", "30", "40", "50", "60"])
    }

    @Test func valueLabelsNeverRoundANonZeroValueToZero() {
        // A linear axis in seconds (ticks to 1.2 s): 2 ms used to read 0.00.
        let seconds = Axis(title: "p50", unit: .milliseconds, minimum: 0, maximum: 1100, maxIntervals: 6)
        #expect(seconds.fullTitle == "p50 (s)")
        #expect(seconds.valueLabel(2) == "0.0020")
        #expect(seconds.valueLabel(2.1) == "0.0021")
        #expect(seconds.valueLabel(4.9) == "0.0049")
        #expect(seconds.valueLabel(6) == "0.01")
        #expect(seconds.valueLabel(1100) == "1.10")
        #expect(seconds.valueLabel(0) == "0")
        let log = Axis(title: "p50", unit: .milliseconds, values: [2, 3, 5, 1100], maxIntervals: 6, scale: .automatic)
        #expect([2, 3, 5, 1100].map(log.valueLabel) == ["2.00", "3.00", "5.00", "1100"])
        let rate = Axis(title: "rps", unit: .rate, values: [6.25, 1250], maxIntervals: 6, scale: .automatic)
        #expect([6.25, 1250].map(rate.valueLabel) == ["6.25", "1.25k"])
    }

    @Test func replicaShapedCompareChartShowsEveryStage() throws {
        let p50s = [2.0, 3.0, 5.0, 1100.0]
        let candidate = [1.8, 2.9, 4.6, 640.0]
        let chart = CompareCharts.chart(
            ComparedSeries(
                id: "p50", title: "p50 latency per stage", axisTitle: "p50 latency", unit: .milliseconds,
                points: p50s.indices.map {
                    ComparedPoint(stage: $0 + 1, users: [10, 50, 100, 200][$0], baseline: p50s[$0], candidate: candidate[$0])
                }),
            baselineLabel: "primary only", candidateLabel: "two replicas")
        let svg = chart.svg
        #expect(ChartText.isWellFormedXML(svg))
        assertMatchesGolden(svg, file: "log-compare-p50.svg")
        #expect(svg.contains(">p50 latency (ms, log scale)</text>"))
        #expect(!svg.contains(">0.00</text>") && !svg.contains(">0</text>"))
        for label in ["2.00", "3.00", "5.00", "1100", "1.80", "2.90", "4.60", "640"] {
            #expect(svg.contains(">\(label)</text>"), "bar label \(label)")
        }
        let bars = SVGBars.bars(in: svg)
        try #require(bars.count == 8)
        let baseline = stride(from: 0, to: 8, by: 2).map { bars[$0].height }
        #expect(baseline.allSatisfy { $0 >= 8 }, "every stage's bar is visible: \(baseline)")
        // Heights differ by the logarithm of the values' ratio, whatever the axis's floor.
        let ratio = (baseline[3] - baseline[0]) / (baseline[2] - baseline[0])
        #expect(abs(ratio - log10(1100 / 2.0) / log10(5 / 2.0)) < 0.02)
    }

    @Test func aNarrowCompareChartStaysLinear() throws {
        let p95 = try #require(ChartFixtures.compareCharts().first { $0.fileName == "compare-p95.svg" })
        #expect(!p95.svg.contains("log scale"))
        #expect(p95.svg.contains(">p95 latency (ms)</text>"))
    }

    @Test func aZeroOnALogAxisIsAStubOnTheZeroFloor() throws {
        var chart = GroupedBarChart(
            title: "errors", categories: [.init(label: "a"), .init(label: "b"), .init(label: "c")],
            categoryAxisTitle: "stage", valueAxisTitle: "Errors per second", valueUnit: .rate,
            series: [GroupedBarChart.Series(name: "run", style: ChartStyle.candidate, values: [0, 2, 500])])
        let svg = chart.render()
        #expect(svg.contains(">Errors per second (log scale)</text>"))
        // The floor tick and the bar's own label.
        #expect(ChartText.occurrences(of: ">0</text>", in: svg) == 2)
        #expect(svg.contains("height=\"3\" fill=\"\(ChartStyle.candidate.color)\"/>"), "the zero stub")
        let bars = SVGBars.bars(in: svg)
        #expect(bars.count == 2)
        chart.valueScale = .linear
        #expect(!chart.render().contains("log scale"))
    }

    @Test func aStallMakesTheRunLatencyChartLogarithmic() throws {
        var result = ReportFixtures.result()
        let narrow = try #require(RunCharts.charts(for: result).first { $0.fileName == RunCharts.latencyFileName })
        #expect(narrow.svg.contains(">Latency (ms)</text>"))
        // Second 5 stalls: every request took 1.5 s.
        let stalled = ReportFixtures.stats((0..<4).map { _ in ReportFixtures.Shot(micros: 1_500_000) }, ReportFixtures.list)
        result.series[5].aggregated = ReportFixtures.interval(stalled, total: stalled)
        let chart = try #require(RunCharts.charts(for: result).first { $0.fileName == RunCharts.latencyFileName })
        #expect(ChartText.isWellFormedXML(chart.svg))
        assertMatchesGolden(chart.svg, file: "log-chart-latency.svg")
        #expect(chart.svg.contains(">Latency (ms, log scale)</text>"))
        // The p50 line: its pixel heights follow the logarithm of the seconds' p50s.
        let p50s = result.series.compactMap { $0.aggregated.micros(atPercentile: 50).map { Double($0) / 1000 } }
        let ys = try #require(SVGBars.firstPolyline(in: chart.svg))
        try #require(ys.count == p50s.count)
        let expected = log10(p50s[4] / p50s[0]) / log10(p50s[3] / p50s[0])
        #expect(abs((ys[0] - ys[4]) / (ys[0] - ys[3]) - expected) < 0.05)
    }
}

/// Reads bars and lines back from a chart's SVG text.
enum SVGBars {
    /// The bars of a grouped bar chart in drawing order (legend swatches left out), as their `y` and `height`.
    static func bars(in svg: String) -> [(y: Double, height: Double)] {
        let rects = svg.split(separator: "\n").filter { $0.contains("<rect") && $0.contains("stroke-width=\"1.5\"") }
        let all = rects.compactMap { line -> (y: Double, height: Double)? in
            guard let y = attribute("y", in: line), let height = attribute("height", in: line) else { return nil }
            return (y, height)
        }
        // The legend's swatches come first, one per series, each 12 px high.
        return Array(all.drop { $0.height == 12 })
    }

    /// The y pixels of the first polyline's points.
    static func firstPolyline(in svg: String) -> [Double]? {
        guard let line = svg.split(separator: "\n").first(where: { $0.contains("<polyline") }),
              let start = line.range(of: "points=\"") else { return nil }
        let points = line[start.upperBound...].prefix { $0 != "\"" }
        return points.split(separator: " ").compactMap { pair in pair.split(separator: ",").last.flatMap { Double($0) } }
    }

    private static func attribute(_ name: String, in line: Substring) -> Double? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        return Double(line[start.upperBound...].prefix { $0 != "\"" })
    }
}
