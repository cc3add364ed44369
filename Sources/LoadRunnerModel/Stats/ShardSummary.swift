/// One shard of a merged run as `merge` found it: where it ran, when its load began, and its generator's figures
/// per stage, kept in the merged `result.json` (`RunResult.shards`) so clock spread, late starts and a saturated
/// generator stay visible after its counts were added to the others'.
package struct ShardSummary: Codable, Sendable, Equatable {
    /// The shard's index, from 0.
    package var index: Int
    /// The machine (a pod's name in Kubernetes) the shard ran on.
    package var hostName: String
    /// The shard's time zero, Unix time in microseconds (its `startUnixMicros`).
    package var startUnixMicros: Int64
    /// How late its load began after the common start (`ShardInfo.lateStartMicros`); nil without a common start.
    package var lateStartMicros: Int64?
    /// CPUs the shard's process could use.
    package var allowedCPUCount: Int
    /// Its generator's figures, one per stage it ran, in stage order.
    package var stages: [ShardStageFigures]

    package init(
        index: Int, hostName: String, startUnixMicros: Int64, lateStartMicros: Int64?, allowedCPUCount: Int,
        stages: [ShardStageFigures]
    ) {
        self.index = index
        self.hostName = hostName
        self.startUnixMicros = startUnixMicros
        self.lateStartMicros = lateStartMicros
        self.allowedCPUCount = allowedCPUCount
        self.stages = stages
    }
}

/// What one shard's generator did in one stage window: requests completed, CPU, timer lag and its saturation verdict.
package struct ShardStageFigures: Codable, Sendable, Equatable {
    /// 1-based stage number.
    package var stage: Int
    /// Requests the shard completed in the window (its Aggregated row).
    package var requests: UInt64
    /// The shard's CPU over the window, in % of one core.
    package var cpuPercent: Double
    /// The 99th percentile of its task-pool timer lag, in microseconds.
    package var schedulingLagP99Micros: UInt64
    /// True when this shard's generator was the bottleneck (the merged stage is then saturated too).
    package var saturated: Bool

    package init(stage: Int, requests: UInt64, cpuPercent: Double, schedulingLagP99Micros: UInt64, saturated: Bool) {
        self.stage = stage
        self.requests = requests
        self.cpuPercent = cpuPercent
        self.schedulingLagP99Micros = schedulingLagP99Micros
        self.saturated = saturated
    }
}
