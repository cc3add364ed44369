/// Everything one monitored process tree did during a run: a second-by-second record and a summary per
/// stage window. Part of `RunResult`.
package struct MonitorSeries: Codable, Sendable, Equatable {
    /// The profile's name for the process (`monitors[].name`).
    package var name: String
    /// What was watched, in words: `pid 12345` or `pid file /path/postmaster.pid`.
    package var target: String
    /// One sample per run second, second 0 first. `second` labels the run second the sample closes; the
    /// baseline taken at the start is not kept (it has no rates).
    package var seconds: [MonitorSecond]
    /// One summary per stage of the run, in stage order.
    package var stages: [MonitorStageSummary]

    package init(name: String, target: String, seconds: [MonitorSecond], stages: [MonitorStageSummary]) {
        self.name = name
        self.target = target
        self.seconds = seconds
        self.stages = stages
    }

    /// The series with its stage summaries computed from `seconds` for each of `stages`' windows.
    package init(name: String, target: String, seconds: [MonitorSecond], windowsOf stages: [StageResult]) {
        self.init(
            name: name, target: target, seconds: seconds,
            stages: stages.map { MonitorStageSummary(seconds: seconds, windowOf: $0) })
    }

    /// Whether the memory figures of this series are RSS: no running second has PSS (a result written before
    /// LoadRunner measured it, or a kernel without `smaps_rollup`). Reports then say that memory is RSS summed
    /// over the tree, which counts memory shared inside the tree once per process.
    package var memoryIsRSS: Bool {
        let alive = seconds.filter(\.alive)
        return !alive.isEmpty && alive.allSatisfy { $0.pssBytes == nil }
    }

    /// Whether any sample has the tree's PSS.
    package var hasPSS: Bool { seconds.contains { $0.pssBytes != nil } }

    /// Whether the process was down in any sample.
    package var everDown: Bool { seconds.contains { !$0.alive } }
}

extension MonitorSpec.Target {
    /// `pid 12345` or `pid file /path/postmaster.pid`, for reports.
    package var description: String {
        switch self {
        case .pid(let pid): "pid \(pid)"
        case .pidFile(let path): "pid file \(path)"
        }
    }
}
