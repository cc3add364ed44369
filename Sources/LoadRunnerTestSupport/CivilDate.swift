/// A proleptic Gregorian calendar date, computed without Foundation so the demo table needs no
/// time zone or locale.
struct CivilDate: Sendable, Hashable {
    /// The year, e.g. 1987.
    var year: Int
    /// The month, 1...12.
    var month: Int
    /// The day of the month, 1...31.
    var day: Int

    /// Creates the date that lies `daysSinceEpoch` days after 1970-01-01 (negative for earlier dates).
    ///
    /// Howard Hinnant's `civil_from_days` algorithm; exact for every date in the Int range used here.
    init(daysSinceEpoch: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// The ISO 8601 calendar form, `YYYY-MM-DD`.
    var isoString: String {
        "\(pad(year, width: 4))-\(pad(month, width: 2))-\(pad(day, width: 2))"
    }

    private func pad(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
