import Foundation
import LoadRunnerText

/// One axis of a chart: its title, unit and ticks, and how to print a tick or a data value on it.
///
/// Linear value axes always start at zero when the data is not negative, so bar heights and line levels compare
/// honestly. A logarithmic axis (`init(title:unit:values:maxIntervals:scale:)`) says so in its title.
package struct Axis: Sendable, Equatable {
    /// What the axis measures, without unit (`Latency`); `fullTitle` adds the unit.
    package var title: String
    package var unit: ChartUnit
    package var ticks: NiceTicks
    let scale: ChartScale

    /// An axis covering `minimum...maximum` (and zero, when `includeZero`) in at most `maxIntervals` tick steps.
    package init(title: String, unit: ChartUnit, minimum: Double, maximum: Double, maxIntervals: Int, includeZero: Bool = true) {
        self.title = title
        self.unit = unit
        let low = includeZero ? Swift.min(0, minimum) : minimum
        let high = includeZero ? Swift.max(0, maximum) : maximum
        ticks = unit == .elapsedSeconds
            ? NiceTicks.time(from: low, to: high, maxIntervals: maxIntervals)
            : NiceTicks.decimal(from: low, to: high, maxIntervals: maxIntervals, wholeSteps: unit == .count)
        let magnitude = ticks.values.map(abs).max() ?? 0
        scale = unit.scale(forMagnitude: magnitude)
    }

    /// A value axis for `values` (non-finite ones ignored), linear or logarithmic as `scale` resolves for them.
    ///
    /// A linear axis is `init(title:unit:minimum:maximum:maxIntervals:)` over the values and zero. A logarithmic
    /// one has 1-2-5 ticks (`NiceTicks.logarithmic`), a `0` floor when a value is zero or negative, and prints in
    /// the unit that suits most values: its scale is chosen for their median, so `ms` stays `ms` while most
    /// latencies are below a second; counts and rates print each tick with its own SI suffix (`10`, `1k`, `10k`).
    package init(title: String, unit: ChartUnit, values: [Double], maxIntervals: Int, scale choice: AxisScale) {
        let finite = values.filter(\.isFinite)
        guard choice.resolved(for: finite) == .logarithmic else {
            self = Axis(title: title, unit: unit, minimum: finite.min() ?? 0, maximum: finite.max() ?? 0,
                        maxIntervals: maxIntervals)
            return
        }
        self.title = title
        self.unit = unit
        let positive = finite.filter { $0 > 0 }.sorted()
        ticks = NiceTicks.logarithmic(
            from: positive.first ?? 1, to: positive.last ?? 10, maxIntervals: maxIntervals,
            includeZero: finite.contains { $0 <= 0 })
        let median = positive.isEmpty ? 1 : positive[(positive.count - 1) / 2]
        scale = unit.scale(forMagnitude: median)
    }

    /// True when the axis is logarithmic (base 10).
    package var isLogarithmic: Bool { ticks.isLogarithmic }

    /// The title with its unit: `Latency (ms)`, `Requests per second`; `Latency (ms, log scale)` on a log axis.
    package var fullTitle: String {
        guard isLogarithmic else { return scale.titleSymbol.map { "\(title) (\($0))" } ?? title }
        return "\(title) (" + (scale.titleSymbol.map { $0 + ", " } ?? "") + "log scale)"
    }

    /// One label per tick: same decimals for every tick (enough to tell them apart), `0` for zero.
    package var tickLabels: [String] {
        ticks.values.map(tickLabel)
    }

    /// The label of one tick value.
    package func tickLabel(_ value: Double) -> String {
        if unit == .elapsedSeconds { return ReportText.clock(seconds: Int(value.rounded())) }
        if value == 0 { return "0" }
        if isLogarithmic {
            // A log tick is 1, 2 or 5 times a power of ten: print exactly its digits.
            let printed = printScale(value)
            let scaled = value / printed.divisor
            let decimals = Swift.max(0, -Int((log10(abs(scaled)) + 1e-9).rounded(.down)))
            return ReportNumber.fixed(scaled, decimals: decimals) + printed.tickSuffix
        }
        let decimals = Swift.max(0, scale.divisorExponent - ticks.exponent)
        return ReportNumber.fixed(value / scale.divisor, decimals: decimals) + scale.tickSuffix
    }

    /// A data value in this axis's scale with about three significant digits (`4.70`, `30.1`, `812`, `1.25k`),
    /// for labels on bars; without the unit, which the axis title carries. A value that is not zero never reads
    /// as zero: below 0.005 it keeps two significant digits (`0.0021`).
    package func valueLabel(_ value: Double) -> String {
        if unit == .elapsedSeconds { return ReportText.clock(seconds: Int(value.rounded())) }
        let printed = printScale(value)
        let scaled = value / printed.divisor
        let magnitude = abs(scaled)
        var decimals = magnitude >= 100 || magnitude == 0 ? 0 : (magnitude >= 10 ? 1 : 2)
        if magnitude > 0, magnitude < 0.005 {
            decimals = 1 - Int(log10(magnitude).rounded(.down))
        }
        return ReportNumber.fixed(scaled, decimals: decimals) + printed.tickSuffix
    }

    /// The scale `value` prints in: the axis's, except on a log axis of counts or rates, where each value takes
    /// its own SI suffix (a decade of `k` beside one of `M` reads better than `0.001M`).
    private func printScale(_ value: Double) -> ChartScale {
        guard isLogarithmic, unit == .count || unit == .rate else { return scale }
        return unit.scale(forMagnitude: abs(value))
    }
}
