import Foundation
import LoadRunnerModel

/// Who a compared run is: its label (the folder it came from, say) and enough of its provenance to tell two
/// runs apart and judge whether they are comparable.
public struct CompareRunInfo: Codable, Sendable, Equatable {
    /// What the user called the run on the command line, e.g. `Reports/before`.
    public let label: String
    public let profileName: String
    public let target: String
    public let hostName: String
    public let cpuCount: Int
    public let allowedCPUCount: Int
    public let loadRunnerVersion: String
    public let startTime: Date
    public let endTime: Date
    public let interrupted: Bool

    public init(label: String, result: RunResult) {
        let provenance = result.provenance
        self.label = label
        profileName = provenance.profileName
        target = provenance.target
        hostName = provenance.hostName
        cpuCount = provenance.cpuCount
        allowedCPUCount = provenance.allowedCPUCount
        loadRunnerVersion = provenance.loadRunnerVersion
        startTime = provenance.startTime
        endTime = provenance.endTime
        interrupted = result.interrupted
    }
}

/// How the verdicts were reached, recorded in the result so that it can be reproduced.
public struct CompareMethod: Codable, Sendable, Equatable {
    /// The family-wise confidence level asked for (0.95): the chance that no budgeted metric's interval misses.
    public let confidence: Double
    /// The level of each interval: `1 - (1 - confidence) / budgetedIntervals` (Bonferroni).
    public let intervalConfidence: Double
    /// How many budgeted metrics have an interval: the size of the family `confidence` is shared by.
    public let budgetedIntervals: Int
    /// Bootstrap resamples per interval.
    public let resamples: Int
    /// The seed every interval's own seed is derived from.
    public let seed: UInt64
    /// The statistic resampled: `mean` (of the per-second values).
    public let statistic: String
    /// Below this many usable seconds in either window, the budget alone decides (`lowSampleCount`).
    public let minimumSeconds: Int

    /// The smallest window, in usable seconds, for which an interval is computed.
    public static let defaultMinimumSeconds = 3

    public init(
        confidence: Double, intervalConfidence: Double, budgetedIntervals: Int, resamples: Int, seed: UInt64,
        minimumSeconds: Int = defaultMinimumSeconds
    ) {
        self.confidence = confidence
        self.intervalConfidence = intervalConfidence
        self.budgetedIntervals = budgetedIntervals
        self.resamples = resamples
        self.seed = seed
        statistic = "mean"
        self.minimumSeconds = minimumSeconds
    }
}
