import LoadRunnerText

/// Parses the durations written in profiles: a number with a unit (`ms`, `s`, `m`, `h`), or several
/// such parts run together (`1m30s`, `1h5m`); numbers may have a fraction (`1.5s`, `0.25h`).
///
/// Exact to the nanosecond (digits beyond that are dropped); negative values, bare numbers and
/// spaces between parts are rejected.
package enum DurationParser {
    /// What `read` found in a text.
    package enum Reading: Sendable, Equatable {
        /// A duration that fits in `Duration`'s nanoseconds.
        case duration(Duration)
        /// Written correctly but longer than about 292 years (Int64 nanoseconds): too long for any key.
        case tooLong
        /// Not a duration at all.
        case invalid
    }

    /// The duration written in `text` (surrounding whitespace ignored), or nil if it is not one or is too long.
    package static func parse(_ text: String) -> Duration? {
        guard case .duration(let duration) = read(text) else { return nil }
        return duration
    }

    /// Reads `text` like `parse`, but tells a well-written duration too long to hold (`99999999999h`) from
    /// text that is not a duration, so the message can say which; never traps, however many digits.
    package static func read(_ text: String) -> Reading {
        let bytes = Array(text.trimmingWhitespace().utf8)
        guard !bytes.isEmpty else { return .invalid }
        var index = 0
        var totalNanos: Int64 = 0
        var overflowed = false
        while index < bytes.count {
            guard let (whole, fraction) = number(in: bytes, at: &index),
                  let unitNanos = unit(in: bytes, at: &index)
            else { return .invalid }
            guard let partNanos = nanos(whole: whole, fraction: fraction, unitNanos: unitNanos) else {
                overflowed = true
                continue
            }
            let (sum, overflow) = totalNanos.addingReportingOverflow(partNanos)
            overflowed = overflowed || overflow
            totalNanos = sum
        }
        return overflowed ? .tooLong : .duration(.nanoseconds(totalNanos))
    }

    /// True when `text` is a plain number such as `5` or `1.5`: a duration with its unit forgotten.
    static func isBareNumber(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return !trimmed.isEmpty && Double(trimmed) != nil && trimmed.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Reads `digits[.digits]`; at least one digit overall.
    private static func number(in bytes: [UInt8], at index: inout Int) -> (whole: [UInt8], fraction: [UInt8])? {
        let whole = digits(in: bytes, at: &index)
        var fraction: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits(in: bytes, at: &index)
            guard !fraction.isEmpty else { return nil }
        }
        return whole.isEmpty && fraction.isEmpty ? nil : (whole, fraction)
    }

    private static func digits(in bytes: [UInt8], at index: inout Int) -> [UInt8] {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return Array(bytes[start..<index])
    }

    /// Reads a unit and returns its length in nanoseconds.
    private static func unit(in bytes: [UInt8], at index: inout Int) -> Int64? {
        func next(_ ascii: Unicode.Scalar) -> Bool {
            index < bytes.count && bytes[index] == UInt8(ascii: ascii)
        }
        if next("m") {
            index += 1
            if next("s") { index += 1; return 1_000_000 }
            return 60_000_000_000
        }
        if next("s") { index += 1; return 1_000_000_000 }
        if next("h") { index += 1; return 3_600_000_000_000 }
        return nil
    }

    private static func nanos(whole: [UInt8], fraction: [UInt8], unitNanos: Int64) -> Int64? {
        var wholeValue: Int64 = 0
        for digit in whole {
            let (times10, o1) = wholeValue.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            wholeValue = sum
        }
        let (wholeNanos, overflow) = wholeValue.multipliedReportingOverflow(by: unitNanos)
        guard !overflow else { return nil }
        // The fraction contributes less than one unit; 18 digits is far below a nanosecond for any unit.
        var fractionNanos: Int64 = 0
        var scale = unitNanos
        for digit in fraction.prefix(18) {
            scale /= 10
            guard scale > 0 else { break }
            fractionNanos += Int64(digit - UInt8(ascii: "0")) * scale
        }
        let (total, overflow2) = wholeNanos.addingReportingOverflow(fractionNanos)
        return overflow2 ? nil : total
    }
}
