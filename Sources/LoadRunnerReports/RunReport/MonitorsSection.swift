import LoadRunnerModel
import LoadRunnerText

/// The **Monitored processes**: each process tree per stage window, then a line per process that was down;
/// nothing when the run monitored no process.
enum MonitorsSection {
    static let note = "Each process tree (the process and all its children) over each stage's window: "
        + "CPU in % of one core, resident memory in MB, disk reads and writes in MB/s (10^6 bytes)."
    /// The note of a run that measured PSS: which memory figure to read.
    static let pssNote = "Each process tree (the process and all its children) over each stage's window: "
        + "CPU in % of one core; memory in MB as PSS (shared pages divided among the processes that map them, "
        + "so the tree's sum counts shared memory once) and as summed RSS (shared pages counted once per process); "
        + "disk reads and writes in MB/s (10^6 bytes)."

    static func blocks(_ result: RunResult) -> [Block] {
        guard let monitors = result.monitors, !monitors.isEmpty else { return [] }
        let withPSS = monitors.contains(where: \.hasPSS)
        // One list per process that was down, as the report has always written them.
        return [.heading(2, "Monitored processes"), .paragraph(withPSS ? pssNote : note), .table(table(monitors))]
            + monitors.filter(\.everDown).map { .list([[.strong("\($0.name) was down"), .text(" " + downText($0))]]) }
    }

    /// One row per stage and process: CPU mean and max, PSS mean and max (when measured), RSS mean and max,
    /// disk MB/s, seconds alive.
    static func table(_ monitors: [MonitorSeries]) -> ReportTable {
        let withPSS = monitors.contains(where: \.hasPSS)
        let pssColumns: [TextTable.Column] = withPSS ? [.init("PSS mean MB", .right), .init("PSS max MB", .right)] : []
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Process"), .init("CPU mean %", .right), .init("CPU max %", .right),
        ] + pssColumns + [
            .init("RSS mean MB", .right), .init("RSS max MB", .right), .init("Read MB/s", .right),
            .init("Write MB/s", .right), .init("Alive", .right),
        ])
        let stageNumbers = Set(monitors.flatMap { $0.stages.map(\.stage) }).sorted()
        for number in stageNumbers {
            for monitor in monitors {
                guard let stage = monitor.stages.first(where: { $0.stage == number }) else { continue }
                let fixed = { (value: Double?, decimals: Int) in value.map { ReportNumber.fixed($0, decimals: decimals) } ?? "-" }
                let pss = withPSS
                    ? [fixed(stage.pssBytesMean.map { $0 / 1e6 }, 1), fixed(stage.pssBytesMax.map { Double($0) / 1e6 }, 1)] : []
                table.append([
                    String(number), monitor.name, fixed(stage.cpuPercentMean, 1), fixed(stage.cpuPercentMax, 1),
                ] + pss + [
                    fixed(stage.rssBytesMean.map { $0 / 1e6 }, 1), fixed(stage.rssBytesMax.map { Double($0) / 1e6 }, 1),
                    fixed(stage.readBytesPerSecondMean.map { $0 / 1e6 }, 2),
                    fixed(stage.writeBytesPerSecondMean.map { $0 / 1e6 }, 2),
                    "\(stage.secondsAlive)/\(stage.secondsSampled) s",
                ])
            }
        }
        return table
    }

    /// `in seconds 3-5 (process 123 is not running)`: when, and the first reason.
    static func downText(_ monitor: MonitorSeries) -> String {
        let down = monitor.seconds.filter { !$0.alive }
        guard let first = down.first, let last = down.last else { return "" }
        let when = first.second == last.second ? "in second \(first.second)" : "in \(down.count) seconds, \(first.second)-\(last.second)"
        return when + (first.reason.map { " (\($0))" } ?? "")
    }
}
