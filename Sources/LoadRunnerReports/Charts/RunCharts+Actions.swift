import LoadRunnerModel

/// Actions on the run's charts: a dotted line with a flag where each action started, labelled with its name.
///
/// An action that ran after the load (`at end`) starts at or after the last stage's end: the x axis reaches
/// it (see `RunCharts.endSeconds(of:)`), so its marker stands at the right edge, or in the "After the load"
/// part when command monitors sampled past the load. Actions that never ran have no marker; the report's
/// Actions table lists them.
extension RunCharts {
    /// For the reports' chart note, when the run has actions.
    package static let actionsNote = "A dotted line with a flag marks where each action started; actions run "
        + "after the load (at end) stand at the right edge."

    /// One marker per action that ran, at its start (seconds since the run started), labelled with its name.
    static func actionMarkers(for result: RunResult) -> [LineChart.Marker] {
        (result.actions ?? []).compactMap { action in
            action.run.map { LineChart.Marker(x: $0.startSeconds, label: action.name) }
        }
    }

    /// The latest moment a command needs on the x axis: the last command-monitor sample's end, and each
    /// action's start; 0 without commands.
    static func commandsEndSeconds(of result: RunResult) -> Double {
        let samples = (result.commandMonitors ?? []).compactMap { monitor in
            monitor.samples.map(\.atSeconds).max().map { $0 + monitor.intervalSeconds }
        }
        let actions = actionMarkers(for: result).map(\.x)
        return (samples + actions).max() ?? 0
    }
}
