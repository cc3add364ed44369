import Foundation

/// Ticks for a base-10 logarithmic axis: 1, 2 and 5 times each power of ten while they fit, else the powers of
/// ten alone, else every second (third...) power of ten.
extension NiceTicks {
    /// Logarithmic ticks covering the positive range `minimum...maximum` in at most `maxIntervals` steps.
    ///
    /// The first tick is below `minimum` (never equal to it), so the smallest value still rises above the axis's
    /// floor; the last is at or above `maximum`. With `includeZero` a `0` tick comes first: the axis's floor,
    /// where zeros are drawn, a band below the first positive tick (a log axis has no place for 0). Bounds that
    /// are not positive and finite fall back to each other, or to 1...10.
    package static func logarithmic(
        from minimum: Double, to maximum: Double, maxIntervals: Int, includeZero: Bool = false
    ) -> NiceTicks {
        let usable = [minimum, maximum].filter { $0.isFinite && $0 > 0 }
        let low = usable.min() ?? 1
        let high = Swift.max(usable.max() ?? 10, low)
        let intervals = Swift.max(1, maxIntervals - (includeZero ? 1 : 0))
        let ladder = [(mantissas: [1, 2, 5], decades: 1)] + (1...700).map { (mantissas: [1], decades: $0) }
        var ticks: [Double] = []
        for rung in ladder {
            ticks = candidates(mantissas: rung.mantissas, everyDecades: rung.decades, low: low, high: high)
            if ticks.count - 1 <= intervals { break }
        }
        let smallest = ticks.first ?? 1
        let exponent = Int((log10(smallest) + 1e-9).rounded(.down))
        let ratio = ticks.count > 1 ? ticks[ticks.count - 1] / ticks[ticks.count - 2] : 10
        return NiceTicks(
            values: (includeZero ? [0] : []) + ticks, step: ratio, exponent: exponent, isLogarithmic: true)
    }

    /// The values `mantissa * 10^e` (`e` a multiple of `everyDecades`) from the last one below `low` to the first
    /// one at or above `high`.
    private static func candidates(mantissas: [Int], everyDecades: Int, low: Double, high: Double) -> [Double] {
        // A relative tolerance keeps 0.30000000000000004 at the tick 0.3.
        let tolerance = 1e-9
        let lowExponent = Int(log10(low).rounded(.down)) - everyDecades
        let highExponent = Int(log10(high).rounded(.up)) + everyDecades
        var ticks: [Double] = []
        var exponent = lowExponent - ((lowExponent % everyDecades) + everyDecades) % everyDecades
        while exponent <= highExponent {
            for mantissa in mantissas {
                let value = scaled(mantissa, exponent)
                if value >= low * (1 - tolerance) {
                    ticks.append(value)
                    if value >= high * (1 - tolerance) { return ticks }
                } else {
                    ticks = [value]
                }
            }
            exponent += everyDecades
        }
        return ticks
    }
}
