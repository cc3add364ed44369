import ArgumentParser

/// Parses the `--delay` option: a number with a unit (`ns`, `us` or `µs`, `ms`, `s`), such as `20ms`
/// or `1.5s`; a bare `0` is allowed.
enum DelayText {
    /// The longest accepted delay.
    static let maximum = Duration.seconds(3600)

    /// Returns the duration `text` names.
    ///
    /// - Throws: `ValidationError` saying what is wrong and what to write instead.
    static func parse(_ text: String) throws -> Duration {
        let trimmed = text.trimmingPrefixAndSuffixWhitespace()
        if trimmed == "0" {
            return .zero
        }
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9),
        ]
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) else {
            throw ValidationError("--delay \"\(text)\" has no unit; write e.g. \"20ms\", \"1.5s\" or \"0\"")
        }
        let number = trimmed.dropLast(unit.suffix.count)
        guard let value = Double(number), value.isFinite, value >= 0 else {
            throw ValidationError("--delay \"\(text)\" is not a non-negative number of \(unit.suffix)")
        }
        let nanoseconds = value * unit.nanoseconds
        guard nanoseconds <= Double(maximum.components.seconds) * 1e9 else {
            throw ValidationError("--delay \"\(text)\" is longer than one hour")
        }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingPrefixAndSuffixWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
