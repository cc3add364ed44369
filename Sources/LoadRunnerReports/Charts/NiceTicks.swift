import Foundation

/// Round tick values for an axis: a step of 1, 2 or 5 times a power of ten (or a clock-friendly step for time),
/// and the ticks from a multiple of it at or below the data's minimum to one at or above its maximum.
///
/// `values` are computed from integers (`index * mantissa` scaled by a power of ten), so `0.3` is
/// printed as `0.3`, never `0.30000000000000004`.
package struct NiceTicks: Sendable, Equatable {
    /// The tick values, ascending; the first is at or below the data, the last at or above it.
    package var values: [Double]
    /// The distance between two ticks (on a logarithmic axis: the ratio between two decade ticks).
    package var step: Double
    /// The power of ten of `step` (`-1` for 0.2, `2` for 500): the digits a label needs; on a logarithmic axis,
    /// the power of ten of the smallest positive tick.
    package var exponent: Int
    /// True for ticks of a base-10 logarithmic axis (`NiceTicks+Logarithmic.swift`), which are not evenly spaced.
    package var isLogarithmic = false

    /// The first and last tick.
    package var lower: Double { values.first ?? 0 }
    package var upper: Double { values.last ?? 1 }

    /// Digits after the point that print every tick exactly (0 for whole steps).
    package var decimals: Int { max(0, -exponent) }

    /// Decimal ticks (1-2-5 steps) covering `minimum...maximum` in at most `maxIntervals` steps (at least 1).
    ///
    /// An empty range is widened to a unit around it (`[0, 1]` for zero); non-finite bounds count as 0.
    /// `wholeSteps` keeps the step at 1 or more, for things that come whole (users).
    package static func decimal(
        from minimum: Double, to maximum: Double, maxIntervals: Int, wholeSteps: Bool = false
    ) -> NiceTicks {
        var (low, high) = (finite(Swift.min(minimum, maximum)), finite(Swift.max(minimum, maximum)))
        if high - low <= 0 {
            if low == 0 { high = 1 } else { (low, high) = (low - abs(low) / 2, high + abs(high) / 2) }
        }
        let intervals = Swift.max(1, maxIntervals)
        let rough = (high - low) / Double(intervals)
        var exponent = Int((log10(rough)).rounded(.down))
        if wholeSteps { exponent = Swift.max(0, exponent) }
        while true {
            for mantissa in [1, 2, 5] {
                let step = scaled(mantissa, exponent)
                // A small tolerance keeps 3.0000000001 from needing another tick.
                let first = Int((low / step + 1e-9).rounded(.down))
                let last = Int((high / step - 1e-9).rounded(.up))
                if last - first <= intervals {
                    let values = (first...Swift.max(first + 1, last)).map { scaled($0 * mantissa, exponent) }
                    return NiceTicks(values: values, step: scaled(mantissa, exponent), exponent: exponent)
                }
            }
            exponent += 1
        }
    }

    /// Ticks for elapsed seconds, on steps a clock reads well (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
    /// 1, 2, 3, 6, 12 h, then whole days), from 0 or below `minimum` to `maximum` or above.
    package static func time(from minimum: Double, to maximum: Double, maxIntervals: Int) -> NiceTicks {
        let low = finite(Swift.min(minimum, maximum))
        let high = Swift.max(finite(Swift.max(minimum, maximum)), low + 1)
        let intervals = Swift.max(1, maxIntervals)
        let steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200]
            + (0..<40).map { 86_400 << $0 }
        for step in steps {
            let first = Int((low / Double(step)).rounded(.down))
            let last = Int((high / Double(step)).rounded(.up))
            if last - first <= intervals {
                return NiceTicks(values: (first...last).map { Double($0 * step) }, step: Double(step), exponent: 0)
            }
        }
        return NiceTicks(values: [low, high], step: high - low, exponent: 0)
    }

    private static func finite(_ value: Double) -> Double { value.isFinite ? value : 0 }

    /// `integer * 10^exponent`, dividing for negative exponents so that 3 and -1 give the double nearest 0.3.
    static func scaled(_ integer: Int, _ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        return exponent >= 0 ? Double(integer) * power : Double(integer) / power
    }
}
