import Foundation

/// Everything one run measured; written as `result.json` and the source of every other output.
package struct RunResult: Codable, Sendable, Equatable {
    /// Bumped on any incompatible change of this format. Version 2 added per-second latency buckets,
    /// `startUnixMicros`, `compareBudgets` and the generator's lag histogram; version 1 files still decode.
    package static let currentSchemaVersion = 2

    package var schemaVersion: Int
    package var provenance: Provenance
    /// One entry per stage that started, in order.
    package var stages: [StageResult]
    /// One sample per second of the run, warm-up included.
    package var series: [SecondSample]
    /// Distinct failures over the whole run (warm-up included), as in Locust's failures table.
    package var failures: [FailureRecord]
    /// True when the run was stopped early (Ctrl-C, SIGTERM, SIGHUP): during the load (see `StageResult.cutShort`)
    /// or while its end actions or checks ran.
    package var interrupted: Bool
    /// How each threshold fared in each stage window; nil when the profile had none (and in files written
    /// before thresholds existed, which decode unchanged).
    package var thresholds: [ThresholdOutcome]?
    /// Set when an `abort_on_fail` threshold failed and stopped the run before its last stage, e.g.
    /// `"p99 < 1s" failed in stage 2`; nil otherwise (and in results written before this field existed).
    package var abortedBy: String?
    /// One series per `monitors:` entry of the profile, in profile order; nil when the profile had none
    /// (and in results written before monitors existed, which decode unchanged).
    package var monitors: [MonitorSeries]?
    /// One series per command monitor (`monitors:` entries with `run:`), in profile order; nil when none.
    package var commandMonitors: [CommandMonitorSeries]?
    /// How each `actions:` entry fared, in profile order; nil when the profile had none.
    package var actions: [ActionResult]?
    /// How each `checks:` entry fared, in profile order; nil when the profile had none.
    package var checks: [CheckResult]?
    /// True in the minimal `result.json` a second Ctrl-C (or SIGTERM, SIGHUP) writes before exiting: it holds
    /// the provenance only, no stage and no sample; nil in every complete result.
    package var measurementsLost: Bool?
    /// The run's time zero as Unix time in microseconds: second N of `series` covers
    /// `[startUnixMicros + N s, startUnixMicros + (N + 1) s)`, so the series of several processes align.
    /// nil in schema 1 files (use `provenance.startTime`, rounded to the microsecond).
    package var startUnixMicros: Int64?
    /// The profile's `compare:` budgets, as validated before the run; `compare` uses them when the command
    /// line names none. Empty when the profile had none; nil in schema 1 files.
    package var compareBudgets: [Budget]?
    /// The seed of the run's random choices (`--seed`, the profile's `seed:`, or drawn at random): running the
    /// profile again with it sends the same requests with the same data rows (and, in open stages, the same
    /// arrival times). nil in results written before it was recorded.
    package var seed: UInt64?
    /// Which shard of a sharded run this is (`ShardInfo`); nil for a run in one process and for a merged result.
    package var shard: ShardInfo?
    /// Set only in a result `merge` made: each shard's host, start and generator figures, by index; nil otherwise.
    package var shards: [ShardSummary]?

    package init(
        provenance: Provenance, stages: [StageResult], series: [SecondSample], failures: [FailureRecord],
        interrupted: Bool, thresholds: [ThresholdOutcome]? = nil
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.provenance = provenance
        self.stages = stages
        self.series = series
        self.failures = failures
        self.interrupted = interrupted
        self.thresholds = thresholds
    }

    /// Marks the run interrupted; each stage not already marked cut short ran to its planned end.
    package mutating func markInterrupted() {
        interrupted = true
        for index in stages.indices where stages[index].cutShort == nil { stages[index].cutShort = false }
    }
}

/// Where and how a run was made, so a result can be trusted and reproduced.
package struct Provenance: Codable, Sendable, Equatable {
    package var loadRunnerVersion: String
    package var libcurlVersion: String
    package var hostName: String
    /// Online CPUs of the machine, and how many this process may use (affinity, lowered by a cgroup CPU quota).
    package var cpuCount: Int
    package var allowedCPUCount: Int
    package var kernel: String
    package var profileName: String
    package var profilePath: String
    package var profileText: String
    package var target: String
    package var commandLine: [String]
    package var startTime: Date
    package var endTime: Date

    package init(
        loadRunnerVersion: String, libcurlVersion: String, hostName: String, cpuCount: Int, allowedCPUCount: Int,
        kernel: String, profileName: String, profilePath: String, profileText: String, target: String,
        commandLine: [String], startTime: Date, endTime: Date
    ) {
        self.loadRunnerVersion = loadRunnerVersion
        self.libcurlVersion = libcurlVersion
        self.hostName = hostName
        self.cpuCount = cpuCount
        self.allowedCPUCount = allowedCPUCount
        self.kernel = kernel
        self.profileName = profileName
        self.profilePath = profilePath
        self.profileText = profileText
        self.target = target
        self.commandLine = commandLine
        self.startTime = startTime
        self.endTime = endTime
    }
}

/// One stage: its schedule, its statistics window, and what was measured in that window.
package struct StageResult: Codable, Sendable, Equatable {
    /// 1-based stage number.
    package var number: Int
    package var users: Int
    package var spawnRate: Double
    /// Stage start and end, in seconds since the run started (the end is earlier when interrupted).
    package var startSeconds: Double
    package var endSeconds: Double
    /// The statistics window `[windowStartSeconds, windowEndSeconds)`: the stage minus its warm-up.
    package var windowStartSeconds: Double
    package var windowEndSeconds: Double
    /// Per request name, in profile order.
    package var requests: [RequestStats]
    /// All requests of the window together.
    package var aggregated: RequestStats
    package var generator: GeneratorStats
    /// For a stage that ends by count (`requests:`): how many requests it was to send, how many it sent,
    /// and whether it reached that count (false when its time limit or the run's end came first).
    /// nil for stages that end by time.
    package var requestLimit: Int?
    package var requestsSent: Int?
    package var reachedRequestLimit: Bool?
    /// True when the run ended before this stage reached its planned end (Ctrl-C, a required action that
    /// failed); false for the stages of an interrupted run that ran to their end; nil otherwise (and in files
    /// written before this field existed).
    package var cutShort: Bool?
    /// The requests still in flight at the stage's end (they completed in a later stage, or never), per
    /// request name in profile order; they are not in this stage's statistics. nil when there were none.
    package var inFlightAtEnd: [InFlightRequests]?
    /// An open stage's dispatch: target rate, arrivals due, sent, completed, missed, peak in flight and the
    /// connection pool (`OpenStageStats`); nil for a closed stage (and in files written before open stages ran).
    package var open: OpenStageStats?
    /// Per flow of the profile, in profile order: iterations completed and skipped, and the iteration time
    /// (`FlowStats`); nil when the profile has no flows (and in files written before flows existed).
    package var flows: [FlowStats]?
    /// Per `await:` step's read and answering node, sorted by name then node: the probes of writes made in this
    /// window (`VisibilityStats`); nil when the profile has no await step (and in files written before they existed).
    package var visibility: [VisibilityStats]?

    package init(
        number: Int, users: Int, spawnRate: Double, startSeconds: Double, endSeconds: Double,
        windowStartSeconds: Double, windowEndSeconds: Double, requests: [RequestStats], aggregated: RequestStats,
        generator: GeneratorStats
    ) {
        self.number = number
        self.users = users
        self.spawnRate = spawnRate
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.windowStartSeconds = windowStartSeconds
        self.windowEndSeconds = windowEndSeconds
        self.requests = requests
        self.aggregated = aggregated
        self.generator = generator
    }

    /// Length of the statistics window in seconds (0 when the stage ended inside its warm-up).
    package var windowSeconds: Double { max(0, windowEndSeconds - windowStartSeconds) }

    /// How many requests were in flight at the stage's end, all names together.
    package var inFlightCount: Int { (inFlightAtEnd ?? []).reduce(0) { $0 + $1.count } }
}

/// Requests of one name that were still in flight when a stage ended.
package struct InFlightRequests: Codable, Sendable, Equatable {
    package var name: String
    package var method: String
    package var count: Int
    /// How long the oldest of them had been in flight at the stage's end, in microseconds.
    package var longestMicros: UInt64

    package init(name: String, method: String, count: Int, longestMicros: UInt64) {
        self.name = name
        self.method = method
        self.count = count
        self.longestMicros = longestMicros
    }
}

/// How hard the load generator itself worked during a stage window.
package struct GeneratorStats: Codable, Sendable, Equatable {
    /// CPU time used by this process over the window, in % of one core.
    package var cpuPercent: Double
    /// How many cores the process may use (affinity and cgroup quota); the process CPU rule judges against
    /// `allowedCores * 100%`.
    package var allowedCores: Int
    /// Lateness of a 50 ms timer on Swift's task pool: the 99th percentile and the maximum, in microseconds.
    package var schedulingLagP99Micros: UInt64
    package var schedulingLagMaxMicros: UInt64
    /// Every lag sample of the window (one per 50 ms tick); nil in schema 1 files.
    package var schedulingLag: LatencyHistogram?
    /// True when the generator was the bottleneck: its latencies measure itself, not the target.
    package var saturated: Bool
    /// Each curl loop's load in the window, by loop number; nil in files written before loops were measured.
    package var loops: [LoopLoad]?
    /// The largest run-queue wait of a loop that sent requests (`LoopLoad.runQueuePercent`): how much of the window
    /// the busiest-queued loop thread was ready to run but given no CPU, in %; nil when the kernel does not say and
    /// in files of earlier versions.
    package var runQueueWaitPercent: Double?
    /// Why `saturated` is true (the first rule of `GeneratorSaturation` that fired); nil when it is false and
    /// in files written before causes were recorded.
    package var saturationCause: SaturationCause?

    /// CPU share (of what the process may use) above which a stage counts as saturated.
    package static let saturationCPUShare = GeneratorSaturation.processCPUShare
    /// Scheduling lag (p99) above which a stage counts as saturated.
    package static let saturationLagMicros: UInt64 = GeneratorSaturation.timerLagMicros

    /// Figures without per-loop measurements: only the process CPU and timer lag rules apply.
    package init(cpuPercent: Double, allowedCores: Int, schedulingLagP99Micros: UInt64, schedulingLagMaxMicros: UInt64) {
        self.cpuPercent = cpuPercent
        self.allowedCores = allowedCores
        self.schedulingLagP99Micros = schedulingLagP99Micros
        self.schedulingLagMaxMicros = schedulingLagMaxMicros
        saturationCause = GeneratorSaturation.cause(
            loops: [], latencyP50Micros: 0, cpuPercent: cpuPercent, allowedCores: allowedCores,
            timerLagP99Micros: schedulingLagP99Micros)
        saturated = saturationCause != nil
    }

    /// The statistics of the lag samples in `schedulingLag`, which are kept, and each loop's load, judged
    /// against the stage window's p50 latency `latencyP50Micros` (the starved rule, in an open stage, against its
    /// p50 service time `serviceP50Micros`); `schedulingLagSecondsMax` is the timer's
    /// largest lag in each second of the window (nil: unknown).
    package init(
        cpuPercent: Double, allowedCores: Int, schedulingLag: LatencyHistogram, loops: [LoopLoad] = [],
        latencyP50Micros: UInt64 = 0, schedulingLagSecondsMax: [UInt64]? = nil, serviceP50Micros: UInt64? = nil
    ) {
        self.init(
            cpuPercent: cpuPercent, allowedCores: allowedCores,
            schedulingLagP99Micros: schedulingLag.micros(atPercentile: 99), schedulingLagMaxMicros: schedulingLag.maxMicros)
        self.schedulingLag = schedulingLag
        guard !loops.isEmpty else { return }
        self.loops = loops
        runQueueWaitPercent = loops.filter(\.sentRequests).compactMap(\.runQueuePercent).max()
        saturationCause = GeneratorSaturation.cause(
            loops: loops, latencyP50Micros: latencyP50Micros, cpuPercent: cpuPercent, allowedCores: allowedCores,
            timerLagP99Micros: schedulingLagP99Micros, timerLagSecondsMax: schedulingLagSecondsMax,
            serviceP50Micros: serviceP50Micros)
        saturated = saturationCause != nil
    }
}

/// One distinct failure (request name, method, message) over the whole run.
package struct FailureRecord: Codable, Sendable, Equatable {
    package var name: String
    package var method: String
    package var category: FailureCategory
    package var message: String
    package var occurrences: UInt64
    package var firstSeen: Date
    package var lastSeen: Date

    package init(
        name: String, method: String, category: FailureCategory, message: String, occurrences: UInt64,
        firstSeen: Date, lastSeen: Date
    ) {
        self.name = name
        self.method = method
        self.category = category
        self.message = message
        self.occurrences = occurrences
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
