/// The one number formatter of every report: fixed decimals, '.' as the separator, no grouping, no locale.
///
/// The rounding rule of every output: half away from zero. A latency is an exact integer of microseconds (a mean
/// is an exact integer sum over an integer count), so it is printed in milliseconds by decimal arithmetic on those
/// integers, never by rounding a binary fraction: 163,825 µs is `163.825` at 3 decimals (`stages.csv`, and the
/// Locust files, which keep every digit), `163.83` at 2 and `164` at 0. Other values (rates, shares) are Doubles,
/// rounded from their binary value. Never prints `-0`. Non-finite values print as `nan`, `inf` or `-inf`.
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

    /// Microseconds as milliseconds, at most 2 decimals, trailing zeros trimmed; decimal rounding (`millis`), so
    /// 163,825 µs is `163.83`.
    package static func trimmedMillis(micros: Double) -> String {
        trimmingZeros(millis(micros: micros, decimals: 2), keepingOneDecimal: false)
    }

    /// Exact microseconds as milliseconds written the way Python writes a float (the Locust-format files): every
    /// digit, trailing zeros dropped but one decimal kept: `163825` -> `163.825`, `20000` -> `20.0`.
    package static func pythonMillis(micros: UInt64) -> String {
        trimmingZeros(millis(micros: micros), keepingOneDecimal: true)
    }

    /// A mean in microseconds (an exact sum over a count), rounded to the microsecond and written as
    /// `pythonMillis(micros:)` does: `163824.5` -> `163.825`.
    package static func pythonMillis(meanMicros micros: Double) -> String {
        trimmingZeros(millis(micros: micros, decimals: 3), keepingOneDecimal: true)
    }

    /// `numerator / denominator` with exactly `decimals` digits, in integer arithmetic (no binary fraction), rounded
    /// half away from zero: `(1, 3, 6)` -> `0.333333`. `0` for a zero denominator.
    package static func fixed(numerator: UInt64, denominator: UInt64, decimals: Int) -> String {
        let decimals = max(0, min(decimals, 9))
        guard denominator > 0 else { return fixed(0, scaledBy: decimals) }
        let scale = UInt64(power(decimals))
        let (product, overflow) = numerator.multipliedReportingOverflow(by: scale)
        guard !overflow else { return fixed(Double(numerator) / Double(denominator), decimals: decimals) }
        let quotient = product / denominator
        let remainder = product % denominator
        return fixed(quotient + (remainder >= denominator - remainder ? 1 : 0), scaledBy: decimals)
    }

    /// A Double as Python's `str()` and `repr()` write it, as its `csv` module does: the shortest digits that
    /// read back to the same value, with `.0` on whole numbers and an exponent below 1e-4 or from 1e16 on:
    /// `0.0016666666666666668`, `50.0`, `1e-05`, `1.5e+16`.
    package static func pythonFloat(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let sign = value < 0 ? "-" : ""
        let (digits, point) = shortestDecimal(abs(value))
        guard !digits.isEmpty else { return "0.0" }
        let exponent = point - 1
        if exponent < -4 || exponent >= 16 {
            let mantissa = digits.count > 1 ? digits.prefix(1) + "." + digits.dropFirst() : Substring(digits)
            let magnitude = String(abs(exponent))
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }

    /// The significant digits of `magnitude`'s shortest representation (Swift's `description` picks the same
    /// digits as Python's `repr`), without leading or trailing zeros, and where the point goes: the value is
    /// `0.digits x 10^point`. Empty digits for zero.
    private static func shortestDecimal(_ magnitude: Double) -> (digits: String, point: Int) {
        let text = magnitude.description.lowercased()
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = Substring(mantissa.filter { $0 != "." })
        var point = integerDigits + exponent
        while digits.first == "0" {
            digits = digits.dropFirst()
            point -= 1
        }
        while digits.last == "0" { digits = digits.dropLast() }
        return (String(digits), point)
    }

    /// `text` (a plain decimal) without trailing fractional zeros; with `keepingOneDecimal`, `12.000` becomes
    /// `12.0` rather than `12`.
    private static func trimmingZeros(_ text: String, keepingOneDecimal: Bool) -> String {
        guard text.contains(".") else { return keepingOneDecimal ? text + ".0" : text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = keepingOneDecimal ? trimmed + "0" : trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
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
