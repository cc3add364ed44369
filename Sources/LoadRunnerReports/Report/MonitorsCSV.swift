import LoadRunnerModel
import LoadRunnerText

/// `monitors.csv`: one row per monitored process and second of the run (processes in profile order),
/// written only when the profile had `monitors`.
///
/// `cpu_pct` is % of one core over the whole process tree; `rss_bytes` is resident memory at the second's end,
/// summed over the tree (shared memory once per process); `read_bytes_per_s` / `write_bytes_per_s` come from
/// `/proc/<pid>/io`; `pss_bytes` (last, so readers of the older columns keep working) is the tree's proportional
/// set size, shared memory counted once. A figure that was not measured (the first second's rates, a process
/// that was down, unreadable io counters or `smaps_rollup`, a result written before PSS) is an empty field.
package enum MonitorsCSV {
    package static let header =
        "name,second,alive,pid,process_count,cpu_pct,rss_bytes,read_bytes_per_s,write_bytes_per_s,reason,pss_bytes"

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ monitors: [MonitorSeries], to output: inout some TextOutputStream) {
        output.write(header + "\n")
        for monitor in monitors {
            for second in monitor.seconds {
                output.write(CSVRow.line(fields(second, of: monitor)) + "\n")
            }
        }
    }

    /// The whole file as a string.
    package static func render(_ monitors: [MonitorSeries]) -> String {
        var text = ""
        write(monitors, to: &text)
        return text
    }

    static func fields(_ second: MonitorSecond, of monitor: MonitorSeries) -> [String] {
        let decimal = { (value: Double?) in value.map { ReportNumber.fixed($0, decimals: 2) } ?? "" }
        return [
            monitor.name, String(second.second), second.alive ? "true" : "false", second.pid.map(String.init) ?? "",
            String(second.processCount), decimal(second.cpuPercent), second.rssBytes.map(String.init) ?? "",
            decimal(second.readBytesPerSecond), decimal(second.writeBytesPerSecond), second.reason ?? "",
            second.pssBytes.map(String.init) ?? "",
        ]
    }
}
