import Foundation
import LoadRunnerModel

/// The charts of the command monitors: one per unit (`chart-command-bytes.svg`), one line per monitor of
/// that unit, a gap where a sample had no value.
extension RunCharts {
    /// The monitors that share one chart: their unit and the chart's file name.
    struct CommandMonitorGroup: Equatable {
        var unit: String
        var fileName: String
        var monitors: [CommandMonitorSeries]
    }

    /// The groups of `result`'s command monitors by unit, in order of first appearance; none without them.
    /// File names come from the unit (`%` is `percent`, other characters than ASCII letters and digits are
    /// `-`, no unit is `values`); a name already taken gets `-2`, `-3`, ...
    static func commandMonitorGroups(for result: RunResult) -> [CommandMonitorGroup] {
        var groups: [CommandMonitorGroup] = []
        for monitor in result.commandMonitors ?? [] {
            if let index = groups.firstIndex(where: { $0.unit == monitor.unit }) {
                groups[index].monitors.append(monitor)
                continue
            }
            let base = "chart-command-" + fileSlug(monitor.unit)
            var fileName = base + ".svg"
            var suffix = 2
            while groups.contains(where: { $0.fileName == fileName }) {
                fileName = "\(base)-\(suffix).svg"
                suffix += 1
            }
            groups.append(CommandMonitorGroup(unit: monitor.unit, fileName: fileName, monitors: [monitor]))
        }
        return groups
    }

    /// One chart per group: each sample at the moment its command started.
    static func commandMonitorCharts(for result: RunResult) -> [ChartFile] {
        commandMonitorGroups(for: result).map { group in
            let series = group.monitors.enumerated().map { index, monitor in
                LineChart.Series(
                    name: monitor.name, style: ChartStyle.series(at: index),
                    points: monitor.samples.map { LineChart.Point(x: $0.atSeconds, y: $0.value) })
            }
            let title = group.unit.isEmpty ? "Command monitors" : "Command monitors: \(group.unit)"
            let (unit, axisTitle) = axis(forUnit: group.unit)
            var chart = chart(for: result, title: title, axisTitle: axisTitle, unit: unit, series: series)
            chart.emptyNote = "No values"
            return ChartFile(fileName: group.fileName, title: title, svg: chart.render())
        }
    }

    /// A unit the charts know scales its ticks (`bytes` as kB, MB...); any other is named in the axis title.
    static func axis(forUnit unit: String) -> (ChartUnit, String) {
        switch unit.lowercased() {
        case "bytes", "byte", "b": return (.bytes, "Value")
        case "bytes/s", "b/s": return (.bytesPerSecond, "Value")
        case "ms", "milliseconds": return (.milliseconds, "Value")
        case "%", "percent": return (.percent, "Value")
        case "": return (.rate, "Value")
        default: return (.rate, "Value (\(unit))")
        }
    }

    private static func fileSlug(_ unit: String) -> String {
        let words = unit.lowercased().replacingOccurrences(of: "%", with: "percent").unicodeScalars
            .map { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) ? String($0) : "-" }
            .joined().split(separator: "-")
        return words.isEmpty ? "values" : words.joined(separator: "-")
    }
}
