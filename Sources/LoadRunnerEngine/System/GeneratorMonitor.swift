import Foundation
import LoadRunnerModel
import Synchronization

/// Watches the load generator itself: its CPU use each second, each curl loop thread's CPU use, time
/// spent waiting for sockets and time spent waiting for a CPU (run queue), and how late a 50 ms timer fires on Swift's task pool (scheduling lag). A saturated
/// generator measures itself, not the target.
final class GeneratorMonitor: Sendable {
    /// What the monitor saw during one second of the run.
    struct Second: Sendable {
        var cpuPercent: Double
        var maxLagMicros: UInt64
        var users: Int
    }

    private struct State {
        var seconds: [Int: Second] = [:]
        /// Lag samples per stage, inside that stage's statistics window.
        var stageLag: [Int: LatencyHistogram] = [:]
        /// Per loop, one sample per reading (about a second apart); a missed second is inside the next sample.
        var loopSamples: [[LoopSample]]
        /// The whole process's CPU, one sample per reading (its `waitMicros` unused).
        var processSamples: [LoopSample] = []
    }

    /// One reading of a loop's counters.
    private struct LoopReading {
        var cpuTicks: UInt64?
        var waitMicros: Int64
        var sched: ProcSchedStat?
    }

    private let clock: RunClock
    private let schedule: LiveSchedule
    private let control: UserControl
    private let loops: [LoopCounters]
    private let ticksPerSecond: Int64
    private let state: Mutex<State>
    static let tickMicros: Int64 = 50_000

    init(clock: RunClock, schedule: LiveSchedule, control: UserControl, loops: [LoopCounters]) {
        self.clock = clock
        self.schedule = schedule
        self.control = control
        self.loops = loops
        ticksPerSecond = Int64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        state = Mutex(State(loopSamples: Array(repeating: [], count: loops.count)))
    }

    /// Samples until the task is cancelled.
    func run() async {
        var second = 0
        var secondMaxLag: UInt64 = 0
        /// Users running at the last tick inside the current second: the count at the second's end.
        var usersAtLastTick = control.runningUsers
        var cpuAtSecondStart = Self.processCPUMicros()
        var readingMicros = clock.nowMicros()
        var loopReadings = readLoops()
        var nextTick = clock.nowMicros() + Self.tickMicros
        while !Task.isCancelled {
            do { try await Task.sleep(for: .microseconds(max(0, nextTick - clock.nowMicros()))) } catch { break }
            let now = clock.nowMicros()
            let lag = UInt64(max(0, now - nextTick))
            secondMaxLag = max(secondMaxLag, lag)
            if let slot = schedule.current.slot(atMicros: now), now >= slot.windowStartMicros {
                state.withLock { $0.stageLag[slot.index, default: LatencyHistogram()].record(micros: lag) }
            }
            nextTick = max(nextTick + Self.tickMicros, now)
            let nowSecond = Int(now / 1_000_000)
            if nowSecond > second {
                let cpu = Self.processCPUMicros()
                let elapsed = Double(max(1, now - Int64(second) * 1_000_000))
                let sample = Second(
                    cpuPercent: Double(cpu - cpuAtSecondStart) / min(elapsed, Double(nowSecond - second) * 1_000_000) * 100,
                    maxLagMicros: secondMaxLag, users: usersAtLastTick)
                let readings = readLoops()
                let loopSamples = zip(loopReadings, readings).map { before, after in
                    loopSample(from: before, to: after, startMicros: readingMicros, endMicros: now)
                }
                let processSample = LoopSample(
                    startMicros: readingMicros, endMicros: now, cpuMicros: cpu - cpuAtSecondStart, waitMicros: 0)
                state.withLock { state in
                    for finished in second..<nowSecond { state.seconds[finished] = sample }
                    for (index, loopSample) in loopSamples.enumerated() {
                        if let loopSample { state.loopSamples[index].append(loopSample) }
                    }
                    state.processSamples.append(processSample)
                }
                loopReadings = readings
                readingMicros = now
                second = nowSecond
                secondMaxLag = 0
                cpuAtSecondStart = cpu
            }
            usersAtLastTick = control.runningUsers
        }
    }

    /// What was seen in `second`. The monitor notices a second's end at its next tick, so this waits
    /// up to a second for it (a starved generator's monitor is late, and its late reading covers every second
    /// it missed); nil when the monitor never got to it.
    func second(_ second: Int) async -> Second? {
        for _ in 0..<(2 * 1_000_000 / Self.tickMicros) {
            if let seen = state.withLock({ $0.seconds[second] }) { return seen }
            try? await Task.sleep(for: .microseconds(Self.tickMicros / 2))
        }
        return state.withLock { $0.seconds[second] }
    }

    /// Each loop's samples, by loop index.
    var loopSamples: [[LoopSample]] { state.withLock { $0.loopSamples } }

    /// The process's CPU samples.
    var processSamples: [LoopSample] { state.withLock { $0.processSamples } }

    private func readLoops() -> [LoopReading] {
        loops.map { LoopReading(cpuTicks: $0.cpuTicks, waitMicros: $0.waitMicros, sched: $0.schedStat) }
    }

    /// The sample between two readings of a loop; nil when its thread's CPU time could not be read.
    private func loopSample(from before: LoopReading, to after: LoopReading, startMicros: Int64, endMicros: Int64) -> LoopSample? {
        guard let earlier = before.cpuTicks, let later = after.cpuTicks, later >= earlier else { return nil }
        var runQueueWaitMicros: Int64?
        var runs: Int64?
        if let earlier = before.sched, let later = after.sched, later.runQueueWaitNanos >= earlier.runQueueWaitNanos,
           later.timeslices >= earlier.timeslices {
            runQueueWaitMicros = Int64((later.runQueueWaitNanos - earlier.runQueueWaitNanos) / 1_000)
            runs = Int64(later.timeslices - earlier.timeslices)
        }
        return LoopSample(
            startMicros: startMicros, endMicros: endMicros,
            cpuMicros: Int64(later - earlier) * 1_000_000 / ticksPerSecond, waitMicros: after.waitMicros - before.waitMicros,
            runQueueWaitMicros: runQueueWaitMicros, runs: runs)
    }

    /// The lag distribution inside stage `index`'s window.
    func stageLag(_ index: Int) -> LatencyHistogram { state.withLock { $0.stageLag[index] ?? LatencyHistogram() } }

    /// CPU time (user + system) this process has used, in microseconds.
    static func processCPUMicros() -> Int64 {
        var usage = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &usage)
        return Int64(usage.tv_sec) * 1_000_000 + Int64(usage.tv_nsec) / 1_000
    }
}
