import LoadRunnerText

/// A number with an optional sign and unit, as written in thresholds (`200ms`, `1%`, `0.01`, `1MB/s`) and budgets
/// (`+10%`, `+2ms`, `-50`): the shared first step of `ThresholdParser` and `Budget.parse`.
///
/// Scaling works on the decimal digits as written, so `2.3%` is exactly the `Double` nearest 0.023, the same
/// value `23 / 1000` gives; a threshold at `2.3%` compares as written against an observed 23 in 1000.
package struct GateQuantity: Equatable {
    /// The unit written after the number.
    package enum Unit: Equatable {
        case none, percent, micros, millis, seconds, perSecond
        /// `B/s`, `kB/s`, `MB/s`, `GB/s` (decimal: 1 kB = 1000 bytes).
        case bytesPerSecond, kilobytesPerSecond, megabytesPerSecond, gigabytesPerSecond

        /// Microseconds per unit, for the time units.
        package var micros: Double? {
            switch self {
            case .micros: 1
            case .millis: 1_000
            case .seconds: 1_000_000
            default: nil
            }
        }

        /// Bytes per second per unit, for the byte rate units.
        package var bytesPerSecond: Double? {
            switch self {
            case .bytesPerSecond: 1
            case .kilobytesPerSecond: 1_000
            case .megabytesPerSecond: 1_000_000
            case .gigabytesPerSecond: 1_000_000_000
            default: nil
            }
        }
    }

    /// `+`, `-`, or nil when none was written.
    package var sign: Character?
    /// The digits as written, with at most one `.`: `1.5`, `200`, `.5`.
    package var number: String
    package var unit: Unit
    /// The unit as written (`ms`, `%`, `req/s`, or ""), for messages that echo the user's text.
    package var unitText: String

    /// Reads `[+|-]digits[.digits][ ]unit`; nil when `text` is not one (empty, no digits, unknown unit).
    package static func parse(_ text: String) -> GateQuantity? {
        var rest = Substring(text.trimmingWhitespace())
        var sign: Character?
        if let first = rest.first, first == "+" || first == "-" {
            sign = first
            rest = rest.dropFirst()
        }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1, number.last != "."
        else { return nil }
        let unitText = String(rest.dropFirst(number.count)).trimmingWhitespace()
        guard let unit = Self.units[unitText.lowercased()] else { return nil }
        return GateQuantity(sign: sign, number: String(number), unit: unit, unitText: unitText)
    }

    private static let units: [String: Unit] = [
        "": .none, "%": .percent, "us": .micros, "\u{B5}s": .micros, "\u{3BC}s": .micros, "ms": .millis, "s": .seconds,
        "/s": .perSecond, "req/s": .perSecond, "b/s": .bytesPerSecond, "kb/s": .kilobytesPerSecond,
        "mb/s": .megabytesPerSecond, "gb/s": .gigabytesPerSecond,
    ]

    /// True when the number has no fraction (`12`, not `12.5`; `12.0` counts as whole).
    package var isWhole: Bool {
        guard let dot = number.firstIndex(of: ".") else { return true }
        return number[number.index(after: dot)...].allSatisfy { $0 == "0" }
    }

    /// The number (sign ignored) times `multiplier` times 10^`powerOfTen`.
    ///
    /// Exact to the nearest `Double` while the digits fit in 15 places and the multiplier is a whole number.
    package func magnitude(times multiplier: Double = 1, powerOfTen: Int = 0) -> Double {
        let digits = number.filter { $0 != "." }
        let fractionDigits = number.firstIndex(of: ".").map { number.distance(from: $0, to: number.endIndex) - 1 } ?? 0
        guard digits.count <= 15, let mantissa = Double(digits) else {
            return (Double(number) ?? .nan) * multiplier * Self.power(powerOfTen)
        }
        let exponent = powerOfTen - fractionDigits
        let scaled = mantissa * multiplier
        return exponent >= 0 ? scaled * Self.power(exponent) : scaled / Self.power(-exponent)
    }

    /// The quantity as written without its sign: `10%`, `2ms`, `50`.
    package var unsignedText: String { number + unitText }

    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
