import LoadRunnerModel
import LoadRunnerText

/// `locust_failures.csv`, with exactly the columns of Locust's `<prefix>_failures.csv`.
///
/// One row per distinct failure over the whole run (warm-ups included, as `locust_stats.csv` counts: its Failure
/// Counts add up to the Occurrences), sorted by name, method, message and category. Error is the failure's message
/// (its category is in `report.md` and `result.json`); First Seen and Last Seen are UTC `%Y-%m-%dT%H:%M:%SZ`.
/// Lines end in CRLF, as Python's `csv` module writes them.
package enum LocustFailuresCSV {
    package static let header = "Method,Name,Error,Occurrences,First Seen,Last Seen"

    /// Writes the header and every row, each line ending with CRLF.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        output.write(header + LocustCSV.lineEnd)
        for failure in sorted(result.failures) {
            output.write(CSVRow.line(fields(failure)) + LocustCSV.lineEnd)
        }
    }

    /// The whole file as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The fields of one row, in `header` order.
    package static func fields(_ failure: FailureRecord) -> [String] {
        [
            failure.method,
            failure.name,
            failure.message,
            String(failure.occurrences),
            UTCTimestamp.seconds(failure.firstSeen),
            UTCTimestamp.seconds(failure.lastSeen),
        ]
    }

    /// Failures in report order: name, method, message, category.
    package static func sorted(_ failures: [FailureRecord]) -> [FailureRecord] {
        failures.sorted { lhs, rhs in
            (lhs.name, lhs.method, lhs.message, lhs.category.rawValue)
                < (rhs.name, rhs.method, rhs.message, rhs.category.rawValue)
        }
    }
}
