import LoadRunnerReports
import Testing

/// The 1-2-5 tick algorithm, clock ticks, and unit-aware labels, as tables.
@Suite struct ChartTicksTests {
    @Test(arguments: [
        (0, 10, 5, [0, 2, 4, 6, 8, 10]),
        (0, 9.807, 5, [0, 2, 4, 6, 8, 10]),
        (0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 0.3, 3, [0, 0.1, 0.2, 0.3]),
        (0, 13_000, 4, [0, 5000, 10_000, 15_000]),
        (0, 0, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (-3, 7, 5, [-5, 0, 5, 10]),
        (0, 30.111, 6, [0, 10, 20, 30, 40]),
        (0, 30.111, 7, [0, 5, 10, 15, 20, 25, 30, 35]),
        (0, 0.0042, 4, [0, 0.002, 0.004, 0.006]),
        (5, 5, 4, [2, 4, 6, 8]),
    ] as [(Double, Double, Int, [Double])])
    func decimal(minimum: Double, maximum: Double, maxIntervals: Int, expected: [Double]) {
        let ticks = NiceTicks.decimal(from: minimum, to: maximum, maxIntervals: maxIntervals)
        #expect(ticks.values == expected)
        #expect(ticks.values.count - 1 <= maxIntervals)
    }

    @Test func stepAndDecimals() {
        let ticks = NiceTicks.decimal(from: 0, to: 1, maxIntervals: 5)
        #expect(ticks.step == 0.2)
        #expect(ticks.exponent == -1)
        #expect(ticks.decimals == 1)
        #expect(NiceTicks.decimal(from: 0, to: 13_000, maxIntervals: 4).exponent == 3)
    }

    @Test func wholeStepsNeverGoBelowOne() {
        #expect(NiceTicks.decimal(from: 0, to: 2, maxIntervals: 8, wholeSteps: true).values == [0, 1, 2])
        #expect(NiceTicks.decimal(from: 0, to: 2, maxIntervals: 8).values == [0, 0.5, 1, 1.5, 2])
    }

    @Test(arguments: [
        (0, 6.5, 10, [0, 1, 2, 3, 4, 5, 6, 7]),
        (0, 6.5, 3, [0, 5, 10]),
        (0, 720, 9, [0, 120, 240, 360, 480, 600, 720]),
        (0, 9000, 6, [0, 1800, 3600, 5400, 7200, 9000]),
        (0, 100, 8, [0, 15, 30, 45, 60, 75, 90, 105]),
        (0, 0, 4, [0, 1]),
    ] as [(Double, Double, Int, [Double])])
    func time(minimum: Double, maximum: Double, maxIntervals: Int, expected: [Double]) {
        #expect(NiceTicks.time(from: minimum, to: maximum, maxIntervals: maxIntervals).values == expected)
    }

    @Test(arguments: [
        (ChartUnit.milliseconds, 9.807, 5, "Latency (ms)", ["0", "2", "4", "6", "8", "10"]),
        (.milliseconds, 2400, 5, "Latency (s)", ["0", "0.5", "1.0", "1.5", "2.0", "2.5"]),
        (.milliseconds, 0.9, 3, "Latency (ms)", ["0", "0.5", "1.0"]),
        (.rate, 13_000, 4, "Latency", ["0", "5k", "10k", "15k"]),
        (.rate, 1, 5, "Latency", ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (.rate, 2_400_000, 5, "Latency", ["0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M"]),
        (.count, 2, 8, "Latency", ["0", "1", "2"]),
        (.count, 400, 5, "Latency", ["0", "100", "200", "300", "400"]),
        (.percent, 180, 4, "Latency (%)", ["0", "50", "100", "150", "200"]),
        (.bytes, 3_000_000, 6, "Latency (MB)", ["0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"]),
        (.bytes, 900, 3, "Latency (kB)", ["0", "0.5", "1.0"]),
        (.bytes, 900, 9, "Latency (B)", ["0", "100", "200", "300", "400", "500", "600", "700", "800", "900"]),
        (.bytesPerSecond, 40_000, 4, "Latency (kB/s)", ["0", "10", "20", "30", "40"]),
        (.elapsedSeconds, 3725, 4, "Latency", ["00:00", "30:00", "1:00:00", "1:30:00"]),
    ] as [(ChartUnit, Double, Int, String, [String])])
    func labels(unit: ChartUnit, maximum: Double, maxIntervals: Int, title: String, expected: [String]) {
        let axis = Axis(title: "Latency", unit: unit, minimum: 0, maximum: maximum, maxIntervals: maxIntervals)
        #expect(axis.fullTitle == title)
        #expect(axis.tickLabels == expected)
    }

    @Test func valueLabelsKeepAboutThreeDigitsInTheAxisScale() {
        let millis = Axis(title: "p95", unit: .milliseconds, minimum: 0, maximum: 93, maxIntervals: 5)
        #expect(millis.valueLabel(4.703) == "4.70")
        #expect(millis.valueLabel(30.111) == "30.1")
        #expect(millis.valueLabel(0) == "0")
        let seconds = Axis(title: "p95", unit: .milliseconds, minimum: 0, maximum: 2400, maxIntervals: 5)
        #expect(seconds.valueLabel(1234) == "1.23")
        let rate = Axis(title: "rps", unit: .rate, minimum: 0, maximum: 38_500, maxIntervals: 5)
        #expect(rate.valueLabel(36_250) == "36.3k")
        #expect(rate.valueLabel(384) == "0.38k")
    }
}
