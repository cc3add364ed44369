import LoadRunnerModel

/// The charts of the monitored processes: CPU and memory (PSS, or RSS in older results) per process over the run.
extension RunCharts {
    package static let monitorsCPUFileName = "chart-monitors.svg"
    package static let monitorsMemoryFileName = "chart-monitors-memory.svg"
    /// The monitor charts' files, in order; only runs with monitors have them.
    package static let monitorFileNames = [monitorsCPUFileName, monitorsMemoryFileName]

    /// CPU (% of one core) and memory, one line per monitored process; none without monitors.
    /// A second in which the process was down, or had no rate yet, leaves a gap.
    static func monitorCharts(for result: RunResult) -> [ChartFile] {
        guard let monitors = result.monitors, !monitors.isEmpty else { return [] }
        func lines(_ value: (MonitorSecond) -> Double?) -> [LineChart.Series] {
            monitors.enumerated().map { index, monitor in
                LineChart.Series(
                    name: monitor.name, style: ChartStyle.series(at: index),
                    points: monitor.seconds.map { LineChart.Point(x: Double($0.second) + 0.5, y: value($0)) })
            }
        }
        let cpuTitle = "Monitored processes: CPU per second (% of one core)"
        // The memory figure: PSS (shared pages split among the processes that map them) when it was measured,
        // RSS in results written before PSS was; never both in one chart.
        let proportional = monitors.contains { $0.seconds.contains { $0.pssBytes != nil } }
        let memoryTitle = proportional
            ? "Monitored processes: proportional memory (PSS)" : "Monitored processes: resident memory (RSS)"
        let cpu = chart(for: result, title: cpuTitle, axisTitle: "CPU", unit: .percent, series: lines(\.cpuPercent))
        var memory = chart(
            for: result, title: memoryTitle, axisTitle: proportional ? "Memory (PSS)" : "Resident memory", unit: .bytes,
            series: lines { second in (proportional ? second.pssBytes : second.rssBytes).map { Double($0) } })
        memory.height = 260
        return [
            ChartFile(fileName: monitorsCPUFileName, title: cpuTitle, svg: cpu.render()),
            ChartFile(fileName: monitorsMemoryFileName, title: memoryTitle, svg: memory.render()),
        ]
    }
}
