/// Everything one command monitor measured: a value per interval and a summary per stage window.
public struct CommandMonitorSeries: Codable, Sendable, Equatable {
    public var name: String
    public var command: String
    public var unit: String
    public var intervalSeconds: Double
    public var samples: [CommandMonitorSample]
    /// One summary per stage of the run, in stage order.
    public var stages: [CommandMonitorStageSummary]

    public init(
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
    public init(
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
public struct CommandMonitorSample: Codable, Sendable, Equatable {
    /// When the command was started, in seconds since the run started.
    public var atSeconds: Double
    public var value: Double?
    /// Why there is no value: `exit 3`, `no output`, `"abc" is not a number`, `still running from the previous sample`.
    public var problem: String?

    public init(atSeconds: Double, value: Double?, problem: String?) {
        self.atSeconds = atSeconds
        self.value = value
        self.problem = problem
    }
}

/// A command monitor's values inside one stage window.
public struct CommandMonitorStageSummary: Codable, Sendable, Equatable {
    public var stage: Int
    /// Samples with a value.
    public var count: Int
    public var min: Double?
    public var mean: Double?
    public var max: Double?
    /// The window's last value.
    public var last: Double?

    public init(stage: Int, values: [Double]) {
        self.stage = stage
        count = values.count
        min = values.min()
        max = values.max()
        mean = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        last = values.last
    }
}
