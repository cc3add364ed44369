/// What an axis's values measure, which decides how its ticks are printed and what its title says.
package enum ChartUnit: Sendable, Equatable {
    /// Things that come whole (users): steps of 1 or more, SI suffixes on ticks (`500`, `1.5k`, `2M`).
    case count
    /// A rate of things (requests/s): like `count`, but steps may be fractional (`0.5`).
    case rate
    /// Milliseconds: `ms` in the axis title, or `s` once the ticks reach 1000 ms.
    case milliseconds
    /// A percentage given as 0...100 (CPU can pass 100 on several cores): `%` in the axis title.
    case percent
    /// Bytes, in decimal SI units (`B`, `kB`, `MB`, `GB`, `TB`) in the axis title.
    case bytes
    /// Bytes per second, in decimal SI units (`kB/s`, `MB/s`...) in the axis title.
    case bytesPerSecond
    /// Seconds since the start of a run: clock-friendly steps, ticks printed as `01:30` (`1:02:03` past an hour).
    case elapsedSeconds

    /// How values of this unit are scaled to print ticks up to `magnitude` (the largest absolute tick).
    func scale(forMagnitude magnitude: Double) -> ChartScale {
        switch self {
        case .count, .rate:
            let (divisor, suffix) = Self.siStep(magnitude)
            return ChartScale(divisor: divisor, tickSuffix: suffix, titleSymbol: nil)
        case .milliseconds:
            return magnitude >= 1000
                ? ChartScale(divisor: 1000, tickSuffix: "", titleSymbol: "s")
                : ChartScale(divisor: 1, tickSuffix: "", titleSymbol: "ms")
        case .percent:
            return ChartScale(divisor: 1, tickSuffix: "", titleSymbol: "%")
        case .bytes, .bytesPerSecond:
            let (divisor, prefix) = Self.siStep(magnitude)
            let symbol = (prefix == "k" ? "kB" : prefix + "B") + (self == .bytesPerSecond ? "/s" : "")
            return ChartScale(divisor: divisor, tickSuffix: "", titleSymbol: symbol)
        case .elapsedSeconds:
            return ChartScale(divisor: 1, tickSuffix: "", titleSymbol: nil)
        }
    }

    /// The SI divisor and prefix for `magnitude`: up to 999 as is, then k, M, G, T.
    private static func siStep(_ magnitude: Double) -> (Double, String) {
        let prefixes = ["", "k", "M", "G", "T"]
        var divisor = 1.0
        var index = 0
        while index < prefixes.count - 1, magnitude >= divisor * 1000 {
            divisor *= 1000
            index += 1
        }
        return (divisor, prefixes[index])
    }
}

/// How an axis prints its values: divided by `divisor`, with `tickSuffix` after each tick (`k`) and
/// `titleSymbol` in the axis title (`ms`), if any.
struct ChartScale: Sendable, Equatable {
    var divisor: Double
    var tickSuffix: String
    var titleSymbol: String?

    /// log10 of the divisor (a power of ten): how many fewer decimals the scaled ticks need.
    var divisorExponent: Int {
        var exponent = 0
        var value = divisor
        while value >= 10 {
            value /= 10
            exponent += 1
        }
        return exponent
    }
}
