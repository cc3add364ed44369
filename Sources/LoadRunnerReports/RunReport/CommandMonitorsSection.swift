import LoadRunnerModel
import LoadRunnerText

/// The **Command monitors**: the values the profile's monitor commands printed, per stage window, then a line
/// per monitor with samples without a value; nothing when the run had no command monitors.
enum CommandMonitorsSection {
    static let note = "Each command's value (the first number it printed) over each stage's window "
        + "(warm-up excluded). Samples: those with a value, of those started in the window."

    static func blocks(_ result: RunResult) -> [Block] {
        guard let monitors = result.commandMonitors, !monitors.isEmpty else { return [] }
        let lines = monitors.compactMap(missingValuesText)
        return [.heading(2, "Command monitors"), .paragraph(note), .table(table(monitors, stages: result.stages))]
            + (lines.isEmpty ? [] : [.list(lines)])
    }

    /// One row per stage and monitor: unit, samples with a value, min, mean, max and last value.
    static func table(_ monitors: [CommandMonitorSeries], stages: [StageResult]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Monitor"), .init("Unit"), .init("Samples", .right), .init("Min", .right),
            .init("Mean", .right), .init("Max", .right), .init("Last", .right),
        ])
        for stage in stages {
            for monitor in monitors {
                guard let summary = monitor.stages.first(where: { $0.stage == stage.number }) else { continue }
                let started = monitor.samples.filter {
                    $0.atSeconds >= stage.windowStartSeconds && $0.atSeconds < stage.windowEndSeconds
                }.count
                table.append([
                    String(stage.number), monitor.name, monitor.unit.isEmpty ? "-" : monitor.unit,
                    "\(summary.count)/\(started)", ReportText.commandValue(summary.min),
                    ReportText.commandValue(summary.mean), ReportText.commandValue(summary.max),
                    ReportText.commandValue(summary.last),
                ])
            }
        }
        return table
    }

    /// `**replica2 lag had no value in 4 of 9 samples** (2.0-5.0 s); most often: exit 2 (3 times)`, over the
    /// whole run; nil when every sample had a value.
    static func missingValuesText(_ monitor: CommandMonitorSeries) -> [Inline]? {
        let missing = monitor.samples.filter { $0.value == nil }
        guard let first = missing.first, let last = missing.last else { return nil }
        let when = first.atSeconds == last.atSeconds
            ? "at \(ReportText.runSeconds(first.atSeconds)) s"
            : "\(ReportText.runSeconds(first.atSeconds))-\(ReportText.runSeconds(last.atSeconds)) s"
        var text: [Inline] = [
            .strong("\(monitor.name) had no value in \(missing.count) of \(monitor.samples.count) samples"),
            .text(" (\(when))"),
        ]
        if let (problem, count) = mostCommonProblem(missing) {
            text += [.text("; most often: "), .code(problem)]
                + (count == missing.count ? [] : [.text(" (\(count) times)")])
        }
        return text
    }

    /// The problem most samples share, with its count; ties go to the one seen first.
    static func mostCommonProblem(_ samples: [CommandMonitorSample]) -> (String, Int)? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for problem in samples.map({ TerminalText.sanitized($0.problem ?? "no value") }) {
            if counts[problem] == nil { order.append(problem) }
            counts[problem, default: 0] += 1
        }
        var best: (String, Int)?
        for problem in order where counts[problem, default: 0] > best?.1 ?? 0 {
            best = (problem, counts[problem, default: 0])
        }
        return best
    }
}
