import LoadRunnerText

/// One axis of a chart: its title, unit and ticks, and how to print a tick or a data value on it.
///
/// Value axes always start at zero when the data is not negative, so bar heights and line levels compare honestly.
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

    /// The title with its unit: `Latency (ms)`, `Requests per second`.
    package var fullTitle: String {
        scale.titleSymbol.map { "\(title) (\($0))" } ?? title
    }

    /// One label per tick: same decimals for every tick (enough to tell them apart), `0` for zero.
    package var tickLabels: [String] {
        ticks.values.map(tickLabel)
    }

    /// The label of one tick value.
    package func tickLabel(_ value: Double) -> String {
        if unit == .elapsedSeconds { return ReportText.clock(seconds: Int(value.rounded())) }
        if value == 0 { return "0" }
        let decimals = Swift.max(0, scale.divisorExponent - ticks.exponent)
        return ReportNumber.fixed(value / scale.divisor, decimals: decimals) + scale.tickSuffix
    }

    /// A data value in this axis's scale with about three significant digits (`4.70`, `30.1`, `812`, `1.25k`),
    /// for labels on bars; without the unit, which the axis title carries.
    package func valueLabel(_ value: Double) -> String {
        if unit == .elapsedSeconds { return ReportText.clock(seconds: Int(value.rounded())) }
        let scaled = value / scale.divisor
        let magnitude = abs(scaled)
        let decimals = magnitude >= 100 || magnitude == 0 ? 0 : (magnitude >= 10 ? 1 : 2)
        return ReportNumber.fixed(scaled, decimals: decimals) + scale.tickSuffix
    }
}
