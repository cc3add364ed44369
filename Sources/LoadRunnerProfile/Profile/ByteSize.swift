import LoadRunnerText

/// Byte counts written in a profile (`max_bytes: 512MB`): a whole number of bytes, or a number with a
/// unit. Decimal units (`KB`, `MB`, `GB`) count 1000s, binary units (`KiB`, `MiB`, `GiB`) count 1024s;
/// `B` is bytes. Letter case of the unit does not matter; a space before it is allowed.
package enum ByteSize {
    static let units: [(name: String, bytes: Int)] = [
        ("b", 1), ("kb", 1_000), ("mb", 1_000_000), ("gb", 1_000_000_000),
        ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30),
    ]

    /// The byte count `text` stands for, or nil when it is not a whole number with an optional unit
    /// (or would overflow).
    package static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let count = Int(digits) else { return nil }
        let unit = String(trimmed.dropFirst(digits.count)).trimmingWhitespace().lowercased()
        if unit.isEmpty { return count }
        guard let multiplier = units.first(where: { $0.name == unit })?.bytes else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// `bytes` for people: the largest binary unit that keeps one decimal, e.g. "256 MiB", "1.5 GiB", "900 B".
    package static func describe(_ bytes: Int) -> String {
        for (name, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            let tenths = (bytes * 10 + size / 2) / size
            return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return "\(bytes) B"
    }
}
