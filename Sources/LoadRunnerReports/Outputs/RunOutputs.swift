import Foundation
import LoadRunnerModel

/// The files of a run folder written at its end (every one listed in `OutputFile.all`); the CLI writes them.
///
/// - `result.json`: everything measured, the source every other file can be rebuilt from (`ResultJSON`).
/// - `stages.csv`: per stage and request name, over the stage windows (`StagesCSV`).
/// - `report.md`: the report a person reads first (`MarkdownReport`), linking the charts beside it.
/// - `report.html`: the same report as one self-contained page with the charts inline (`HTMLReport`).
/// - `chart-throughput.svg`, `chart-latency.svg`, `chart-users.svg`: the run over time (`RunCharts`).
/// - `locust_stats.csv`: Locust's `_stats.csv` columns over the whole run, as Locust counts (`LocustStatsCSV`).
/// - `locust_failures.csv`: Locust's `_failures.csv` columns (`LocustFailuresCSV`).
/// - `monitors.csv`, `chart-monitors.svg`, `chart-monitors-memory.svg`: the monitored processes, only when the
///   profile had `monitors` (`MonitorsCSV`, `RunCharts`).
/// - `chart-rate.svg`, `chart-latency-service.svg`: offered against achieved rate, and latency against service
///   time, per second, only when the run has open stages (`RunCharts`).
/// - `command_monitors.csv` and one `chart-command-<unit>.svg` per unit: the command monitors' samples, only when
///   the profile had monitors with `run:` (`CommandMonitorsCSV`, `RunCharts`).
/// - `checks.csv`, `actions.csv`: how each check and action fared, only when the profile had `checks` or
///   `actions` (`ChecksCSV`, `ActionsCSV`). The commands' full output is in `result.json`.
/// - `locust_stats_history.csv`: Locust's `_stats_history.csv` columns (`LocustHistoryCSV`), appended every
///   second during the run by its one owner, the CLI's `HistoryFile`, so `write(_:to:)` does not write it.
///
/// A run without open stages, monitors, command monitors, checks and actions gets exactly `fileNames`.
package enum RunOutputs {
    package static let resultJSON = "result.json"
    package static let stagesCSV = "stages.csv"
    package static let reportMarkdown = "report.md"
    package static let reportHTML = "report.html"
    package static let locustStatsCSV = "locust_stats.csv"
    package static let locustFailuresCSV = "locust_failures.csv"
    /// Written during the run (and rebuilt by `report`) by the CLI's `HistoryFile`, not by `write(_:to:)`.
    package static let locustHistoryCSV = "locust_stats_history.csv"
    /// Written only for a run with monitors.
    package static let monitorsCSV = "monitors.csv"
    /// Written only for a run with command monitors.
    package static let commandMonitorsCSV = "command_monitors.csv"
    /// Written only for a run with checks.
    package static let checksCSV = "checks.csv"
    /// Written only for a run with actions.
    package static let actionsCSV = "actions.csv"

    /// The files `write(_:to:)` creates for a run without open stages, monitors and commands, in the order it
    /// writes them.
    package static let fileNames = [resultJSON, stagesCSV] + RunCharts.fileNames
        + [reportMarkdown, reportHTML, locustStatsCSV, locustFailuresCSV]

    /// The files `write(_:to:)` creates for `result`, in order: `fileNames`, plus the CSV files of its monitors,
    /// command monitors, checks and actions, and their charts and those of open stages, for those it has.
    package static func fileNames(for result: RunResult) -> [String] {
        let optional = [
            (monitorsCSV, result.monitors?.isEmpty == false),
            (commandMonitorsCSV, result.commandMonitors?.isEmpty == false),
            (checksCSV, result.checks?.isEmpty == false),
            (actionsCSV, result.actions?.isEmpty == false),
        ].filter(\.1).map(\.0)
        return [resultJSON, stagesCSV] + optional + RunCharts.fileNames(for: result)
            + [reportMarkdown, reportHTML, locustStatsCSV, locustFailuresCSV]
    }

    /// Every output file's contents, keyed by file name (the files `write(_:to:)` creates); pure.
    package static func contents(of result: RunResult) throws -> [String: Data] {
        let charts = RunCharts.charts(for: result)
        var files = [
            resultJSON: try ResultJSON.encode(result),
            stagesCSV: Data(StagesCSV.render(result).utf8),
            reportMarkdown: Data(MarkdownReport.render(result).utf8),
            reportHTML: Data(HTMLReport.render(result, charts: charts).utf8),
            locustStatsCSV: Data(LocustStatsCSV.render(result).utf8),
            locustFailuresCSV: Data(LocustFailuresCSV.render(result).utf8),
        ]
        for chart in charts { files[chart.fileName] = Data(chart.svg.utf8) }
        if let monitors = result.monitors, !monitors.isEmpty {
            files[monitorsCSV] = Data(MonitorsCSV.render(monitors).utf8)
        }
        if let monitors = result.commandMonitors, !monitors.isEmpty {
            files[commandMonitorsCSV] = Data(CommandMonitorsCSV.render(monitors).utf8)
        }
        if let checks = result.checks, !checks.isEmpty {
            files[checksCSV] = Data(ChecksCSV.render(checks).utf8)
        }
        if let actions = result.actions, !actions.isEmpty {
            files[actionsCSV] = Data(ActionsCSV.render(actions).utf8)
        }
        return files
    }
}

/// Why a run folder could not be written; the message names the path and the system's reason.
package enum RunOutputsError: Error, Equatable, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotEncode(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the output folder \(path): \(reason); check the path, or choose another output folder"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .cannotEncode(let path, let reason):
            return "cannot encode \(path): \(reason)"
        }
    }
}
