import Foundation
import LoadRunnerModel
import LoadRunnerText
import Synchronization

/// Receives what a run reports while it goes: one sample per second, and problems that do not stop it.
/// Called from a task on Swift's pool, never from a curl loop.
package protocol RunObserver: Sendable {
    /// Data sources are loaded and the first user is about to start.
    func runStarted(at date: Date)
    /// One more second of the run is complete.
    func secondCompleted(_ sample: SecondSample)
    /// One more second of the run is complete, with its failures by category per request name (profile order).
    /// The engine calls this one; by default it passes the sample on to `secondCompleted(_:)`.
    func secondCompleted(_ sample: SecondSample, failures: [RequestFailureCounts])
    /// A monitor of the profile (`monitors:`) took a reading; by default nothing happens. Called from the monitor's
    /// own task, about once a second per monitor.
    func monitorRead(_ reading: MonitorReading)
    /// Something to tell a person that does not stop the run: a warning (a user that could not start, a monitor
    /// that found no process) or a note worth a line in the log (an action started or ended, a check passed).
    func report(_ diagnostic: Diagnostic)
}

extension RunObserver {
    package func secondCompleted(_ sample: SecondSample, failures: [RequestFailureCounts]) {
        secondCompleted(sample)
    }

    package func monitorRead(_ reading: MonitorReading) {}
}

/// Asks a running engine to stop early (Ctrl-C, SIGTERM, SIGHUP). Thread-safe; the engine checks it often.
/// The commands a run started beside the load are stopped by their own registry (`RunningCommands`).
package final class StopSignal: Sendable {
    private let requested = Atomic<Bool>(false)

    package init() {}

    /// Asks the engine to stop.
    package func request() {
        requested.store(true, ordering: .relaxed)
    }

    package var isRequested: Bool { requested.load(ordering: .relaxed) }
}

/// How the engine runs, beyond what the profile says.
package struct EngineOptions: Sendable {
    /// curl loop threads; nil picks one from the peak user count.
    package var loops: Int?
    /// Seed of the users' random choices (request mix, data rows, think times).
    package var seed: UInt64
    package var commandLine: [String]
    package var loadRunnerVersion: String
    /// Which shard of a sharded run this process is (`--shard I/N`), recorded in the result with how late it
    /// started; nil for a run in one process.
    package var shard: ShardInfo?
    /// The common start (`--start-at`, Unix microseconds): the load waits for it, and its time zero is then this
    /// moment; nil starts at once.
    package var startAtUnixMicros: Int64?

    package init(
        loops: Int? = nil, seed: UInt64 = 0x4C52_554E, commandLine: [String], loadRunnerVersion: String,
        shard: ShardInfo? = nil, startAtUnixMicros: Int64? = nil
    ) {
        self.loops = loops
        self.seed = seed
        self.commandLine = commandLine
        self.loadRunnerVersion = loadRunnerVersion
        self.shard = shard
        self.startAtUnixMicros = startAtUnixMicros
    }

    /// The part of the run this process sends: `shard`'s, or all of it.
    package var shardPlan: ShardPlan {
        shard.flatMap { ShardPlan(index: $0.index, count: $0.count) } ?? .single
    }

    /// Users per loop before another loop (and libcurl connection cache) is added.
    package static let usersPerLoop = 250
    /// Open-model arrivals per second per loop before another loop is added. Measured on the 2-core lab machine
    /// (debug build, demo server, 3 s stages, docs/architecture.md): one loop used 18% of its core at 1,000/s and
    /// 36% at 2,000/s, where its lag p99 already passed the saturation rule in a busy second; at 5,000/s it was
    /// 94% busy. 1,000/s keeps a loop near a fifth of its core, with room for connection bursts.
    package static let arrivalsPerSecondPerLoop = 1_000.0
    package static let maxLoops = 8

    /// `--loops` when given (1...`maxLoops`); else enough loops for the peak users (`usersPerLoop` each) and for the
    /// peak target rate of open stages (`arrivalsPerSecondPerLoop` each, but no more loops than `allowedCores`),
    /// whichever needs more. Loops for a rate add CPU, which more loops than cores cannot: on one core, 8 loops at
    /// 10,000/s spent the same CPU as one and sent with a lag p99 of 0.84 ms against its 0.09 (docs/performance.md).
    /// Loops for users also shard libcurl's connection caches, which pays on one core too.
    func loopCount(peakUsers: Int, peakRatePerSecond: Double = 0, allowedCores: Int = SystemInfo.allowedCPUCount) -> Int {
        if let loops { return max(1, min(loops, Self.maxLoops)) }
        let forUsers = (peakUsers + Self.usersPerLoop - 1) / Self.usersPerLoop
        let forRate = min(Int((max(0, peakRatePerSecond) / Self.arrivalsPerSecondPerLoop).rounded(.up)), max(1, allowedCores))
        return max(1, min(Self.maxLoops, max(forUsers, forRate)))
    }
}
