import Foundation
import LoadRunnerModel

/// Who a compared run is: its label (the folder it came from, say) and enough of its provenance to tell two
/// runs apart and judge whether they are comparable.
package struct CompareRunInfo: Codable, Sendable, Equatable {
    /// What the user called the run on the command line, e.g. `Reports/before`.
    package let label: String
    package let profileName: String
    package let target: String
    package let hostName: String
    package let cpuCount: Int
    package let allowedCPUCount: Int
    package let loadRunnerVersion: String
    package let startTime: Date
    package let endTime: Date
    package let interrupted: Bool

    package init(label: String, result: RunResult) {
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
package struct CompareMethod: Codable, Sendable, Equatable {
    /// The family-wise confidence level asked for (0.95): the chance that no budgeted metric's interval misses.
    package let confidence: Double
    /// The level of each interval: `1 - (1 - confidence) / budgetedIntervals` (Bonferroni).
    package let intervalConfidence: Double
    /// How many budgeted metrics have an interval: the size of the family `confidence` is shared by.
    package let budgetedIntervals: Int
    /// Bootstrap resamples per interval (`BlockBootstrap.resamples`: each Bonferroni tail holds at least 10).
    package let resamples: Int
    /// The seed every interval's own seed is derived from.
    package let seed: UInt64
    /// The statistic resampled: `window` (the point's own window formula, recomputed on blocks of whole seconds);
    /// `mean` (of per-second values) in files written before.
    package let statistic: String
    /// Below this many whole seconds in either window a metric is too short to judge (`lowSampleCount`).
    package let minimumSeconds: Int
    /// The fewest blocks per window (`BlockBootstrap.minimumBlocks`); nil in files written before blocks.
    package let minimumBlocks: Int?

    /// The smallest window, in whole seconds, for which an interval is computed.
    package static let defaultMinimumSeconds = BlockBootstrap.minimumSeconds

    package init(
        confidence: Double, intervalConfidence: Double, budgetedIntervals: Int, resamples: Int, seed: UInt64,
        minimumSeconds: Int = defaultMinimumSeconds
    ) {
        self.confidence = confidence
        self.intervalConfidence = intervalConfidence
        self.budgetedIntervals = budgetedIntervals
        self.resamples = resamples
        self.seed = seed
        statistic = "window"
        self.minimumSeconds = minimumSeconds
        minimumBlocks = BlockBootstrap.minimumBlocks
    }
}
