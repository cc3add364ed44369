import LoadRunnerModel

/// The charts of one run, drawn from its per-second series: throughput and errors, latency, active users.
///
/// Each shows the whole run (warm-ups included, shaded) with a dashed line and a label where each stage
/// starts. A point is drawn at the middle of its second (a sample covers `[second, second + 1)`); a second
/// without a completed request leaves a gap in the latency lines. A result without samples still gets every
/// chart, empty, so a run folder always has the same files; a run with `monitors` also gets the monitor
/// charts (`RunCharts+Monitors.swift`), one with open stages the rate and service-time charts
/// (`RunCharts+Open.swift`), and one with command monitors a chart per unit
/// (`RunCharts+CommandMonitors.swift`), and one with `await:` probes a time-to-visibility chart
/// (`RunCharts+Visibility.swift`). Actions are marked on every chart (`RunCharts+Actions.swift`).
package enum RunCharts {
    package static let throughputFileName = "chart-throughput.svg"
    package static let latencyFileName = "chart-latency.svg"
    package static let usersFileName = "chart-users.svg"
    /// The files `charts(for:)` returns, in its order.
    package static let fileNames = [throughputFileName, latencyFileName, usersFileName]
    /// What a reader needs to read the charts, for the reports that show them.
    package static let note = "Per second over the whole run: warm-ups shaded (left out of the statistics), "
        + "a dashed line where each stage starts."

    /// Every chart of `result`, one `ChartFile` per name of `fileNames`.
    package static func charts(for result: RunResult) -> [ChartFile] {
        let throughputTitle = "Requests and errors per second"
        let latencyTitle = "Latency per second: p50 and p95"
        let usersTitle = "Active users"
        let throughput = chart(
            for: result, title: throughputTitle, axisTitle: "Requests per second", unit: .rate, throughputLines(for: result))
        var latency = chart(for: result, title: latencyTitle, axisTitle: "Latency", unit: .milliseconds, [
            ("p50", { $0.aggregated.micros(atPercentile: 50).map { Double($0) / 1000 } }),
            ("p95", { $0.aggregated.micros(atPercentile: 95).map { Double($0) / 1000 } }),
        ])
        // A stall makes a second's latency thousands of times the usual: then the axis is logarithmic.
        latency.yScale = .automatic
        var users = chart(for: result, title: usersTitle, axisTitle: "Users", unit: .count, [
            ("Active users", { Double($0.users) }),
        ])
        users.height = 260
        return [
            ChartFile(fileName: throughputFileName, title: throughputTitle, svg: throughput.render()),
            ChartFile(fileName: latencyFileName, title: latencyTitle, svg: latency.render()),
            ChartFile(fileName: usersFileName, title: usersTitle, svg: users.render()),
        ] + openCharts(for: result) + monitorCharts(for: result) + commandMonitorCharts(for: result)
            + visibilityCharts(for: result)
    }

    /// The names of the files `charts(for:)` returns for `result`: `fileNames`, then the open-model charts when
    /// the run has open stages, the monitor charts when it monitored processes, then one chart per unit of its
    /// command monitors.
    package static func fileNames(for result: RunResult) -> [String] {
        fileNames + (hasOpenStages(result) ? openFileNames : [])
            + (result.monitors?.isEmpty == false ? monitorFileNames : [])
            + commandMonitorGroups(for: result).map(\.fileName) + (hasVisibility(result) ? [visibilityFileName] : [])
    }

    /// What a reader needs to read `result`'s charts: `note`, plus what the open-model charts show when it has
    /// open stages (`openNote`), and how actions are marked when it has any.
    package static func note(for result: RunResult) -> String {
        let open = hasOpenStages(result) ? " " + openNote : ""
        guard !actionMarkers(for: result).isEmpty else { return note + open }
        return note + open + " " + actionsNote
    }

    /// A line chart of `lines` (a name and a value per second, nil for none) with the run's stages and warm-ups.
    static func chart(
        for result: RunResult, title: String, axisTitle: String, unit: ChartUnit,
        _ lines: [(name: String, value: (SecondSample) -> Double?)]
    ) -> LineChart {
        let series = lines.enumerated().map { index, line in
            LineChart.Series(
                name: line.name, style: ChartStyle.series(at: index),
                points: result.series.map { LineChart.Point(x: Double($0.second) + 0.5, y: line.value($0)) })
        }
        return chart(for: result, title: title, axisTitle: axisTitle, unit: unit, series: series)
    }

    /// A line chart of `series` over the run's time axis, with its stages and warm-ups.
    static func chart(
        for result: RunResult, title: String, axisTitle: String, unit: ChartUnit, series: [LineChart.Series]
    ) -> LineChart {
        let end = endSeconds(of: result)
        var chart = LineChart(
            title: title, xAxisTitle: "Time since start (min:s)", xDomain: 0...end,
            yAxisTitle: axisTitle, yUnit: unit, series: series)
        chart.bands = result.stages.filter { $0.windowStartSeconds > $0.startSeconds }.map {
            LineChart.Band(from: $0.startSeconds, to: Swift.min($0.windowStartSeconds, $0.endSeconds))
        }
        chart.sections = result.stages.map { stage in
            // An open stage is labelled with its target rate (`200/s`), a closed one with its users.
            if let open = stage.open {
                let rate = OpenStageFigures.rateText(open)
                return LineChart.Section(
                    start: stage.startSeconds,
                    labels: ["Stage \(stage.number): \(rate)", "S\(stage.number): \(rate)", rate, "S\(stage.number)"])
            }
            let users = stage.users == 1 ? "1 user" : "\(stage.users) users"
            return LineChart.Section(
                start: stage.startSeconds,
                labels: ["Stage \(stage.number): \(users)", "S\(stage.number): \(users)", "\(stage.users)u", "S\(stage.number)"])
        }
        let loadEnd = loadEndSeconds(of: result)
        if end > loadEnd {
            // A single label form: when it does not fit, it is left out rather than shortening the stages' labels.
            chart.sections.append(LineChart.Section(start: loadEnd, labels: ["After the load"]))
        }
        chart.markers = actionMarkers(for: result)
        return chart
    }

    /// The end of the x axis: the end of the load (`loadEndSeconds(of:)`), or later when command monitors
    /// sampled or actions started after it, so that those are drawn too.
    static func endSeconds(of result: RunResult) -> Double {
        Swift.max(loadEndSeconds(of: result), commandsEndSeconds(of: result))
    }

    /// The later of the last sample's end and the last stage's end; at least 1 s.
    static func loadEndSeconds(of result: RunResult) -> Double {
        let lastSample = result.series.map { Double($0.second + 1) }.max() ?? 0
        let lastStage = result.stages.map(\.endSeconds).max() ?? 0
        return Swift.max(1, lastSample, lastStage)
    }
}
