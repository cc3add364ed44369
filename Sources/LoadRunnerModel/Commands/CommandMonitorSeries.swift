/// Everything one command monitor measured: a value per interval and a summary per stage window.
package struct CommandMonitorSeries: Codable, Sendable, Equatable {
    package var name: String
    package var command: String
    package var unit: String
    package var intervalSeconds: Double
    package var samples: [CommandMonitorSample]
    /// One summary per stage of the run, in stage order.
    package var stages: [CommandMonitorStageSummary]

    package init(
        name: String, command: String, unit: String, intervalSeconds: Double, samples: [CommandMonitorSample],
        stages: [CommandMonitorStageSummary]
    ) {
        self.name = name
        self.command = command
        self.unit = unit
        self.intervalSeconds = intervalSeconds
        self.samples = samples
        self.stages = stages
    }

    /// The series with a summary of `samples` inside each of `stages`' statistics windows.
    package init(
        name: String, command: String, unit: String, intervalSeconds: Double, samples: [CommandMonitorSample],
        windowsOf stages: [StageResult]
    ) {
        self.init(
            name: name, command: command, unit: unit, intervalSeconds: intervalSeconds, samples: samples,
            stages: stages.map { stage in
                CommandMonitorStageSummary(
                    stage: stage.number,
                    values: samples.filter { $0.atSeconds >= stage.windowStartSeconds && $0.atSeconds < stage.windowEndSeconds }
                        .compactMap(\.value))
            })
    }
}

/// One execution of a command monitor: when it ran and the number it printed, or why there is none.
package struct CommandMonitorSample: Codable, Sendable, Equatable {
    /// When the command was started, in seconds since the run started.
    package var atSeconds: Double
    package var value: Double?
    /// Why there is no value: `exit 3`, `no output`, `"abc" is not a number`, `still running from the previous sample`.
    package var problem: String?

    package init(atSeconds: Double, value: Double?, problem: String?) {
        self.atSeconds = atSeconds
        self.value = value
        self.problem = problem
    }
}

/// A command monitor's values inside one stage window.
package struct CommandMonitorStageSummary: Codable, Sendable, Equatable {
    package var stage: Int
    /// Samples with a value.
    package var count: Int
    package var min: Double?
    package var mean: Double?
    package var max: Double?
    /// The window's last value.
    package var last: Double?

    package init(stage: Int, values: [Double]) {
        self.stage = stage
        count = values.count
        min = values.min()
        max = values.max()
        mean = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        last = values.last
    }
}
