import LoadRunnerModel
import LoadRunnerText

/// The **Failures** over the whole run, warm-ups included: one row per name, method, category and message.
enum FailuresSection {
    static func blocks(_ result: RunResult) -> [Block] {
        guard !result.failures.isEmpty else { return [.heading(2, "Failures"), .paragraph("No failures.")] }
        return [.heading(2, "Failures"), .paragraph("Over the whole run, warm-ups included."), .table(table(result))]
    }

    static func table(_ result: RunResult) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Name"), .init("Method"), .init("Category"), .init("Message"), .init("Occurrences", .right),
            .init("First seen"), .init("Last seen"),
        ])
        for failure in LocustFailuresCSV.sorted(result.failures) {
            table.append([
                failure.name, failure.method, failure.category.rawValue, failure.message, String(failure.occurrences),
                UTCTimestamp.seconds(failure.firstSeen), UTCTimestamp.seconds(failure.lastSeen),
            ])
        }
        return table
    }
}
