import Foundation
@testable import LoadRunnerCommands
@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// Command monitors: the schedule and the problem log as plain values, then the sampler against real
/// commands at a 100 ms interval for well under a second each.
struct CommandMonitorSamplerTests {
    // MARK: Schedule and log, without processes

    @Test(arguments: [
        // (a run time in µs, the tick due then, a run's tick, its end in µs, the next tick)
        (0, 0, 0, 30_000, 1),
        (250_000, 2, 2, 210_000, 3),  // a run ending before its due time still moves on by one
        (99_999, 0, 0, 100_000, 1),  // ended exactly when tick 1 came due: not still running then
        (100_000, 1, 0, 100_001, 2),  // overlapped tick 1
        (-5, 0, 3, 650_000, 7),  // overlapped ticks 4, 5 and 6
    ])
    func scheduleTicksOnAFixedGrid(
        micros: Int64, tickThen: Int64, tick: Int64, endMicros: Int64, nextTick: Int64
    ) {
        let schedule = CommandMonitorSchedule(interval: .milliseconds(100))
        #expect(schedule.tick(atMicros: micros) == tickThen)
        #expect(schedule.nextTick(after: tick, endMicros: endMicros) == nextTick)
        #expect(schedule.dueMicros(nextTick) == nextTick * 100_000)
    }

    @Test func aSampleTakesAtLeastFiveSecondsOrItsInterval() {
        #expect(CommandMonitorSchedule.timeout(interval: .milliseconds(100)) == .seconds(5))
        #expect(CommandMonitorSchedule.timeout(interval: .seconds(30)) == .seconds(30))
    }

    @Test func aFailingMonitorIsToldOnceAndAgainOnlyAfterItRecovered() {
        var log = CommandMonitorLog(name: "lag", interval: .milliseconds(100))
        let told = [
            log.record(Self.run(at: 0, exit: 1, stderr: "\n  connection refused  \nmore")),
            log.record(Self.run(at: 0.1, exit: 1)),
            log.recordStillRunning(atSeconds: 0.2),
            log.record(Self.run(at: 0.3, stdout: "12 rows")),
            log.recordStillRunning(atSeconds: 0.4),
            log.record(Self.run(at: 0.5, stdout: "twelve")),
        ]
        #expect(told.map { $0 != nil } == [true, false, true, false, false, true])
        #expect(told[0]?.contains("command monitor `lag` has no value at 0s: exit 1: connection refused;") == true)
        #expect(told[2]?.contains("`lag` was still running") == true)
        #expect(log.samples.map(\.value) == [nil, nil, nil, 12, nil, nil])
        #expect(log.samples.map(\.problem) == [
            "exit 1: connection refused", "exit 1", "still running from the previous sample", nil,
            "still running from the previous sample", "\"twelve\" is not a number",
        ])
    }

    @Test func aRunThatDidNotExitSaysHowItEnded() {
        var timedOut = Self.run(at: 1, exit: nil)
        timedOut.signal = 15
        timedOut.timedOut = true
        timedOut.endSeconds = 6
        #expect(CommandMonitorLog.sample(of: timedOut).problem == "timed out after 5s")
        var unstarted = Self.run(at: 1, exit: nil)
        unstarted.launchError = "cannot run /bin/sh: No such file or directory"
        #expect(CommandMonitorLog.sample(of: unstarted).problem == "could not start: cannot run /bin/sh: No such file or directory")
        let long = Self.run(at: 1, exit: 2, stderr: String(repeating: "x", count: 300))
        #expect(CommandMonitorLog.sample(of: long).problem == "exit 2: " + String(repeating: "x", count: 120))
    }

    // MARK: The sampler with real commands

    @Test func aCounterGivesOneIncreasingValuePerInterval() async throws {
        let counter = try Self.temporaryFile("counter")
        defer { Self.removeFolder(of: counter) }
        let command = "n=$(($(cat \(counter) 2>/dev/null || echo 0) + 1)); echo $n > \(counter); echo $n"
        let (series, observer) = await Self.sample(
            [CommandMonitorSpec(name: "counter", command: command, interval: .milliseconds(100), unit: "")],
            until: { Self.number(in: counter) >= 4 })
        let samples = try #require(series.first?.samples)
        let values = samples.compactMap(\.value)
        // Each run once and in order. On a machine busy with other suites a run can take longer than
        // 100 ms; the samples due meanwhile are missing, and lie exactly on the grid.
        #expect(values.count >= 4)
        #expect(values == (1...values.count).map(Double.init))
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.atSeconds < $1.atSeconds })
        for sample in samples where sample.value == nil {
            #expect(sample.problem == "still running from the previous sample")
            #expect(abs(sample.atSeconds * 10 - (sample.atSeconds * 10).rounded()) < 0.000_001)
        }
        #expect(series.first?.intervalSeconds == 0.1)
        #expect(series.first?.stages == [CommandMonitorStageSummary(stage: 1, values: values)])
        #expect(observer.problems.allSatisfy { $0.contains("`counter` was still running") })
    }

    @Test func aSlowCommandIsNeverDoubledAndLeavesMissingSamples() async throws {
        let runs = try Self.temporaryFile("runs")
        defer { Self.removeFolder(of: runs) }
        let (series, observer) = await Self.sample(
            [CommandMonitorSpec(name: "slow", command: "sleep 0.25; echo >> \(runs); echo 7", interval: .milliseconds(100), unit: "")],
            until: { Self.lineCount(of: runs) >= 3 })
        let samples = try #require(series.first?.samples)
        let valued = samples.filter { $0.value == 7 }
        let missing = samples.filter { $0.problem == "still running from the previous sample" }
        #expect(valued.count >= 3)
        // Each 250 ms run overlaps at least the next two 100 ms ticks (the last one's are not kept).
        #expect(missing.count >= 2 * (valued.count - 1))
        #expect(valued.count + missing.count == samples.count)
        // One copy at a time: each run starts after the previous one (250 ms) ended.
        for (earlier, later) in zip(valued, valued.dropFirst()) {
            #expect(later.atSeconds - earlier.atSeconds >= 0.25)
        }
        #expect(observer.problems.count == 1)
        #expect(observer.problems.first?.contains("command monitor `slow` was still running") == true)
    }

    @Test func badOutputAndFailuresAreProblemsToldOncePerMonitor() async {
        let observer = RecordingObserver()
        let (series, _) = await Self.sample([
            CommandMonitorSpec(name: "words", command: "echo abc", interval: .milliseconds(100), unit: ""),
            CommandMonitorSpec(name: "failing", command: "echo partial; echo 'no such table' >&2; exit 3",
                               interval: .milliseconds(100), unit: "rows"),
        ], observer: observer, until: { observer.problems.count >= 2 }, andThen: .milliseconds(250))
        #expect(series.map(\.name) == ["words", "failing"])
        #expect(series.allSatisfy { !$0.samples.isEmpty && $0.samples.allSatisfy { $0.value == nil } })
        // A run slower than 100 ms (on a busy machine) adds missing samples, told once per monitor.
        let slow = "still running from the previous sample"
        #expect(Set(series[0].samples.map(\.problem)).subtracting([slow]) == ["\"abc\" is not a number"])
        #expect(Set(series[1].samples.map(\.problem)).subtracting([slow]) == ["exit 3: no such table"])
        #expect(series[1].stages == [CommandMonitorStageSummary(stage: 1, values: [])])
        let problems = observer.problems.filter { !$0.contains("was still running") }.sorted()
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("command monitor `failing` has no value at ") == true)
        #expect(problems.first?.contains("s: exit 3: no such table; the run goes on") == true)
        #expect(problems.last?.hasPrefix("command monitor `words` has no value at ") == true)
        #expect(problems.last?.contains("s: \"abc\" is not a number; the run goes on") == true)
    }

    @Test func finishWaitsForTheSampleInFlight() async throws {
        let started = try Self.temporaryFile("started")
        defer { Self.removeFolder(of: started) }
        let (series, _) = await Self.sample(
            [CommandMonitorSpec(name: "late", command: "touch \(started); sleep 0.3; echo 42", interval: .seconds(1), unit: "ms")],
            until: { FileManager.default.fileExists(atPath: started) })
        #expect(try #require(series.first).samples.map(\.value) == [42])
    }

    @Test func withoutMonitorsNothingStarts() async {
        let task = CommandMonitorSampler.start(
            specs: [], clock: RunClock(), runner: CommandRunner(clock: RunClock()), observer: RecordingObserver())
        #expect(task == nil)
        #expect(await CommandMonitorSampler.finish(task, stages: []).isEmpty)
    }

    // MARK: Helpers

    /// Runs `specs` from run time 0 until `done` holds (at most 20 s) and then `andThen` longer; the series
    /// are summarised in one stage window that holds them all. Waits on a condition rather than for a fixed
    /// time, since other suites may hold Swift's pool (and so the sampler) for seconds.
    static func sample(
        _ specs: [CommandMonitorSpec], observer: RecordingObserver = RecordingObserver(),
        until done: () -> Bool, andThen extra: Duration = .zero
    ) async -> ([CommandMonitorSeries], RecordingObserver) {
        let clock = RunClock()
        let task = CommandMonitorSampler.start(
            specs: specs, clock: clock, runner: CommandRunner(clock: clock), observer: observer)
        let deadline = ContinuousClock.now + .seconds(20)
        while !done(), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await Task.sleep(for: extra)
        let series = await CommandMonitorSampler.finish(task, stages: [stage])
        return (series, observer)
    }

    static let stage = StageResult(
        number: 1, users: 1, spawnRate: 1, startSeconds: 0, endSeconds: 1_000, windowStartSeconds: 0,
        windowEndSeconds: 1_000, requests: [], aggregated: RequestStats(name: RequestStats.aggregatedName, method: ""),
        generator: GeneratorStats(cpuPercent: 0, allowedCores: 1, schedulingLagP99Micros: 0, schedulingLagMaxMicros: 0))

    static func run(at seconds: Double, exit: Int? = 0, stdout: String = "", stderr: String = "") -> ShellOutcome {
        ShellOutcome(
            startSeconds: seconds, endSeconds: seconds + 0.01, exitStatus: exit, signal: nil, timedOut: false,
            launchError: nil, stdout: stdout, stderr: stderr)
    }

    /// A path in a fresh temporary folder; the file does not exist yet.
    static func temporaryFile(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-cmdmon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static func removeFolder(of path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    static func number(in path: String) -> Int {
        Int((try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    static func lineCount(of path: String) -> Int {
        (try? String(contentsOfFile: path, encoding: .utf8))?.count { $0 == "\n" } ?? 0
    }
}
