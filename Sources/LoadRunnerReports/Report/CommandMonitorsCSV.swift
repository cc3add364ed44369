import LoadRunnerModel
import LoadRunnerText

/// `command_monitors.csv`: one row per command-monitor sample, in time order (monitors in profile order at
/// the same moment); written only when the run had command monitors.
///
/// `second` is when the command started, in seconds since the run started (3 decimals); `value` the number it
/// printed (up to 6 decimals), empty when there was none, and then `problem` says why (`exit 2`, `no output`).
package enum CommandMonitorsCSV {
    package static let header = "second,monitor,value,problem"

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ monitors: [CommandMonitorSeries], to output: inout some TextOutputStream) {
        output.write(header + "\n")
        let rows = monitors.enumerated().flatMap { index, monitor in
            monitor.samples.map { (index: index, name: monitor.name, sample: $0) }
        }
        // Stable: equal moments keep profile order.
        let sorted = rows.enumerated().sorted {
            ($0.element.sample.atSeconds, $0.element.index, $0.offset) < ($1.element.sample.atSeconds, $1.element.index, $1.offset)
        }.map(\.element)
        for row in sorted {
            output.write(CSVRow.line([
                ReportNumber.fixed(row.sample.atSeconds, decimals: 3), row.name,
                row.sample.value.map { ReportNumber.trimmed($0, maxDecimals: 6) } ?? "", row.sample.problem ?? "",
            ]) + "\n")
        }
    }

    /// The whole file as a string.
    package static func render(_ monitors: [CommandMonitorSeries]) -> String {
        var text = ""
        write(monitors, to: &text)
        return text
    }
}
