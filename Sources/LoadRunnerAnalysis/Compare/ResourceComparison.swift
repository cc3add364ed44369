import LoadRunnerModel

/// A resource of a monitored process that `compare` reports per stage; lower is better for each.
package enum ResourceMetric: String, Codable, Sendable, CaseIterable {
    /// CPU of the process tree, % of one core.
    case cpuPercent = "cpu_pct"
    /// Resident memory of the process tree (RSS summed, shared memory once per process), bytes.
    case rssBytes = "rss_bytes"
    /// Proportional set size of the process tree (shared memory counted once), bytes; compared only when both
    /// runs measured it.
    case pssBytes = "pss_bytes"
    /// Disk reads of the process tree, bytes per second.
    case readBytesPerSecond = "read_bytes_per_s"
    /// A command monitor's value in its own unit (`ResourceComparison.commandUnit`), mean over the window.
    case commandMean = "mean"

    /// The resources of a monitored process tree (every case but `commandMean`).
    package static let processCases: [ResourceMetric] = [.cpuPercent, .rssBytes, .pssBytes, .readBytesPerSecond]

    /// The unit of values in `compare.csv` and `compare.json` (a command monitor's is its row's `commandUnit`).
    package var unit: String {
        switch self {
        case .cpuPercent: "%"
        case .rssBytes, .pssBytes: "bytes"
        case .readBytesPerSecond: "bytes/s"
        case .commandMean: ""
        }
    }

    /// The stage-window mean of this resource.
    func mean(_ summary: MonitorStageSummary) -> Double? {
        switch self {
        case .cpuPercent: summary.cpuPercentMean
        case .rssBytes: summary.rssBytesMean
        case .pssBytes: summary.pssBytesMean
        case .readBytesPerSecond: summary.readBytesPerSecondMean
        case .commandMean: nil
        }
    }

    /// This resource in one per-second sample.
    func value(_ second: MonitorSecond) -> Double? {
        switch self {
        case .cpuPercent: second.cpuPercent
        case .rssBytes: second.alive ? second.rssBytes.map { Double($0) } : nil
        case .pssBytes: second.alive ? second.pssBytes.map { Double($0) } : nil
        case .readBytesPerSecond: second.readBytesPerSecond
        case .commandMean: nil
        }
    }
}

/// One resource of one monitored process in one stage, in both runs, with its verdict: a report-only row
/// (no budget, so it never fails a comparison), judged like a request metric (`MetricJudge`, lower is better).
///
/// `baseline` and `candidate` are the stage windows' means (`MonitorStageSummary`); the interval comes from a
/// bootstrap of the two windows' per-second values at the comparison's confidence.
package struct ResourceComparison: Codable, Sendable, Equatable {
    package let stage: Int
    /// The monitor's name (`monitors[].name`), the same in both runs: a process monitor's, or a command monitor's
    /// (then `metric` is `commandMean`).
    package let process: String
    package let metric: ResourceMetric
    /// A command monitor's unit (`unit:`, "" when none); nil for a process monitor.
    package let commandUnit: String?
    package let baseline: Double?
    package let candidate: Double?
    /// `candidate - baseline` in the metric's unit, and as a fraction of the baseline; nil when undefined.
    package let change: Double?
    package let relativeChange: Double?
    package let interval: ConfidenceInterval?
    package let baselineSeconds: Int
    package let candidateSeconds: Int
    package let lowSampleCount: Bool
    package let verdict: CompareVerdict

    package init(
        stage: Int, process: String, metric: ResourceMetric, baseline: Double?, candidate: Double?,
        interval: ConfidenceInterval?, baselineSeconds: Int, candidateSeconds: Int, lowSampleCount: Bool,
        commandUnit: String? = nil
    ) {
        self.stage = stage
        self.process = process
        self.metric = metric
        self.commandUnit = commandUnit
        self.baseline = baseline
        self.candidate = candidate
        (change, relativeChange) = ValueChange.between(baseline, candidate)
        self.interval = interval
        self.baselineSeconds = baselineSeconds
        self.candidateSeconds = candidateSeconds
        self.lowSampleCount = lowSampleCount
        // Lower is better for every resource and, by the metric model's polarity, every command monitor.
        verdict = MetricJudge.verdict(
            baseline: baseline, candidate: candidate, interval: interval, lowSampleCount: lowSampleCount, budget: nil,
            higherIsBetter: false)
    }
}
