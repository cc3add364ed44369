/// The one number formatter of every report: fixed decimals, '.' as the separator, no grouping, no locale.
///
/// Rounds half away from zero. Never prints `-0`. Non-finite values print as `nan`, `inf` or `-inf`.
package enum ReportNumber {
    /// `value` with exactly `decimals` digits after the point (none and no point when `decimals` is 0).
    package static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let decimals = max(0, min(decimals, 9))
        let scaled = (abs(value) * power(decimals)).rounded(.toNearestOrAwayFromZero)
        // Beyond UInt64 the fraction is meaningless anyway; Swift's shortest representation is exact enough.
        guard scaled < 1.8e19 else { return String(value) }
        let digits = fixed(UInt64(scaled), scaledBy: decimals)
        return value < 0 && scaled > 0 ? "-" + digits : digits
    }

    /// `value` with at most `maxDecimals` digits after the point, trailing zeros (and a bare point) removed:
    /// `1.5`, `12`, `0.33`. Used for the Locust-format files, whose readers expect plain numbers.
    package static func trimmed(_ value: Double, maxDecimals: Int = 2) -> String {
        let text = fixed(value, decimals: maxDecimals)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    /// Microseconds as milliseconds with `decimals` digits (3 by default: exact to the microsecond).
    ///
    /// Integer arithmetic only, so `1500` µs is always `1.500`, never `1.4999...`.
    package static func millis(micros: UInt64, decimals: Int = 3) -> String {
        let decimals = max(0, min(decimals, 9))
        if decimals >= 3 {
            return fixed(micros, scaledBy: 3) + String(repeating: "0", count: decimals - 3)
        }
        let divisor = UInt64(power(3 - decimals))
        let quotient = micros / divisor + (micros % divisor >= (divisor + 1) / 2 ? 1 : 0)
        return fixed(quotient, scaledBy: decimals)
    }

    /// Microseconds (a mean, say) as milliseconds with `decimals` digits.
    package static func millis(micros: Double, decimals: Int = 3) -> String {
        let decimals = max(0, min(decimals, 9))
        // Scale by a power of ten directly from microseconds so that 3 decimals stay exact for whole microseconds.
        let scaled = decimals >= 3 ? micros * power(decimals - 3) : micros / power(3 - decimals)
        guard scaled.isFinite else { return fixed(scaled, decimals: 0) }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        guard abs(rounded) < 1.8e19 else { return fixed(micros / 1000, decimals: decimals) }
        let digits = fixed(UInt64(abs(rounded)), scaledBy: decimals)
        return rounded < 0 ? "-" + digits : digits
    }

    /// Microseconds as milliseconds, at most 2 decimals, trailing zeros trimmed (the Locust-format files).
    package static func trimmedMillis(micros: Double) -> String {
        trimmed(micros / 1000, maxDecimals: 2)
    }

    /// Bytes in decimal units, for people: whole bytes below 1 kB, else 1 decimal (`950 B`, `2.0 kB`, `1.2 MB`,
    /// `3.4 GB`; 1 kB = 1000 bytes). A negative value (a change) keeps its sign.
    package static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, decimals: 0) }
        let prefixes = ["", "k", "M", "G", "T"]
        var scaled = abs(value)
        var index = 0
        // Step up before rounding would print 1000 of a unit (999.96 kB is 1.0 MB).
        while index < prefixes.count - 1, scaled >= (index == 0 ? 999.5 : 999.95) {
            scaled /= 1000
            index += 1
        }
        let digits = fixed(scaled, decimals: index == 0 ? 0 : 1)
        let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero ? "-" : "") + digits + " " + prefixes[index] + "B"
    }

    /// A 0...1 share as a percentage with `decimals` digits, without the `%` sign.
    package static func percent(_ share: Double, decimals: Int = 2) -> String {
        fixed(share * 100, decimals: decimals)
    }

    /// The digits of `scaled / 10^decimals`, e.g. `(12345, 3)` -> `12.345`.
    private static func fixed(_ scaled: UInt64, scaledBy decimals: Int) -> String {
        guard decimals > 0 else { return String(scaled) }
        let divisor = UInt64(power(decimals))
        let fraction = String(scaled % divisor)
        return "\(scaled / divisor)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}
