import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// The saturation rule, a loop's load from the monitor's samples, the CPU quota parsers and the warning
/// text, from fixed figures: no threads, no time.
@Suite struct GeneratorSaturationTests {
    /// A loop measured for `measured` seconds, busy in `busy` of them at `busyPercent`, with `lag` lag samples
    /// of `lagMicros` each.
    static func loop(
        _ number: Int = 1, users: Int = 100, measured: Double = 10, busy: Double, busyPercent: Double = 50,
        lagMicros: UInt64 = 0, lagSamples: UInt64 = 0, lagSeconds: [UInt64]? = nil
    ) -> LoopLoad {
        var lag = LatencyHistogram()
        if lagSamples > 0 { lag.record(micros: lagMicros, count: lagSamples) }
        return LoopLoad(
            loop: number, users: users, measuredSeconds: measured, busySeconds: busy, cpuPercent: busyPercent,
            busyPercent: busyPercent, userLag: lag, lagSecondsP99Micros: lagSeconds)
    }

    /// `count` seconds whose lag p99 is `micros`.
    static func seconds(_ count: Int, _ micros: UInt64) -> [UInt64] { Array(repeating: micros, count: count) }

    /// loops, p50 latency (µs), process CPU %, allowed cores, timer lag p99 (µs) -> the rule that fires, and its loop.
    static let rules: [([LoopLoad], UInt64, Double, Int, UInt64, SaturationCause.Kind?, Int?)] = [
        ([loop(busy: 0)], 1_000, 50, 2, 0, nil, nil),
        // Busy in 20% of 10 s (2 s) fires; 1.9 s does not.
        ([loop(busy: 2, busyPercent: 95)], 1_000, 95, 2, 0, .loopBusy, 1),
        ([loop(busy: 1.9, busyPercent: 95)], 1_000, 95, 2, 0, nil, nil),
        // At least 2 seconds however short the window: 1 of 3 s (33%) is not enough.
        ([loop(measured: 3, busy: 1, busyPercent: 95)], 1_000, 95, 2, 0, nil, nil),
        // 20% of a 60 s window is 12 s.
        ([loop(measured: 60, busy: 11, busyPercent: 95)], 1_000, 95, 2, 0, nil, nil),
        ([loop(measured: 60, busy: 12, busyPercent: 95)], 1_000, 95, 2, 0, .loopBusy, 1),
        // The busier of two loops is named.
        ([loop(1, busy: 3, busyPercent: 92), loop(2, busy: 8, busyPercent: 97)], 1_000, 150, 2, 0, .loopBusy, 2),
        // Lag: p99 above 10% of p50 and above 2 ms, from at least 100 samples.
        ([loop(busy: 0, lagMicros: 2_500, lagSamples: 100)], 10_000, 30, 2, 0, .loopLag, 1),
        ([loop(busy: 0, lagMicros: 2_500, lagSamples: 99)], 10_000, 30, 2, 0, nil, nil),
        ([loop(busy: 0, lagMicros: 1_900, lagSamples: 500)], 300, 30, 2, 0, nil, nil),
        ([loop(busy: 0, lagMicros: 2_500, lagSamples: 500)], 30_000, 30, 2, 0, nil, nil),
        ([loop(busy: 0, lagMicros: 3_500, lagSamples: 500)], 30_000, 30, 2, 0, .loopLag, 1),
        // The window's p99 is not enough: the loop must lag in 20% of its seconds (at least 2). One burst in one
        // second of ten (the machine busy elsewhere for a moment) is not a saturated generator; three are.
        ([loop(busy: 0, lagMicros: 5_000, lagSamples: 500, lagSeconds: seconds(1, 5_000) + seconds(9, 300))],
         20_000, 30, 2, 0, nil, nil),
        ([loop(busy: 0, lagMicros: 5_000, lagSamples: 500, lagSeconds: seconds(3, 5_000) + seconds(7, 300))],
         20_000, 30, 2, 0, .loopLag, 1),
        ([loop(busy: 0, lagMicros: 5_000, lagSamples: 500, lagSeconds: seconds(1, 5_000) + seconds(2, 300))],
         20_000, 30, 2, 0, nil, nil),
        // A loop that served no user in the stage is not judged by its lag (an idle loop's late polls delay nothing).
        ([loop(1, users: 1, busy: 0), loop(2, users: 0, busy: 0, lagMicros: 4_000, lagSamples: 200)], 2_000, 8, 2, 0, nil, nil),
        // The old rules still hold: 90% of the allowed cores, or a 50 ms timer lag.
        ([loop(busy: 0)], 1_000, 180, 2, 0, .processCPU, nil),
        ([], 0, 89.9, 1, 0, nil, nil),
        ([], 0, 90, 1, 0, .processCPU, nil),
        ([], 0, 10, 1, 50_000, .timerLag, nil),
        ([], 0, 10, 1, 49_999, nil, nil),
    ]

    @Test(arguments: rules)
    func theRule(
        loops: [LoopLoad], p50: UInt64, cpu: Double, cores: Int, timerLag: UInt64, kind: SaturationCause.Kind?, loop: Int?
    ) {
        let cause = GeneratorSaturation.cause(
            loops: loops, latencyP50Micros: p50, cpuPercent: cpu, allowedCores: cores, timerLagP99Micros: timerLag)
        #expect(cause?.kind == kind)
        #expect(cause?.loop == loop)
    }

    /// The task-pool timer rule with the window's seconds known: a 127 ms stall in one second of five (the
    /// machine busy elsewhere) is not a saturated generator; late in 2 of 5 seconds it is.
    @Test func theTimerRuleNeedsLateSecondsWhenTheyAreKnown() throws {
        func cause(_ seconds: [UInt64]?) -> SaturationCause? {
            GeneratorSaturation.cause(
                loops: [Self.loop(busy: 0)], latencyP50Micros: 20_000, cpuPercent: 20, allowedCores: 2,
                timerLagP99Micros: 127_000, timerLagSecondsMax: seconds)
        }
        #expect(cause([127_000, 3_000, 2_000, 1_000, 4_000]) == nil)
        let late = try #require(cause([127_000, 3_000, 50_000, 1_000, 4_000]))
        #expect(late == SaturationCause(kind: .timerLag, lagP99Micros: 127_000, laggingSeconds: 2, lagSeconds: 5))
        #expect(cause(nil)?.kind == .timerLag)
    }

    /// A loop that served only open arrivals (no users) is judged by its lag like any loop that sent requests: the
    /// arrivals it sent late while a connection was free are in its `userLag`. The cause names no user count.
    @Test func aLoopOfOpenArrivalsIsJudgedByItsLag() throws {
        var lagging = Self.loop(users: 0, busy: 0, lagMicros: 5_000, lagSamples: 500, lagSeconds: Self.seconds(3, 5_000) + Self.seconds(7, 300))
        lagging.arrivals = 2_000
        let cause = try #require(GeneratorSaturation.cause(
            loops: [lagging], latencyP50Micros: 20_000, cpuPercent: 30, allowedCores: 2, timerLagP99Micros: 0))
        #expect(cause.kind == .loopLag && cause.loop == 1 && cause.users == nil && cause.lagP99Micros == lagging.lag.micros(atPercentile: 99))
        #expect(cause.laggingSeconds == 3 && cause.lagSeconds == 10)
        // The same figures without arrivals: an idle loop, not judged. In time and on few seconds: not saturated.
        lagging.arrivals = 0
        #expect(GeneratorSaturation.cause(
            loops: [lagging], latencyP50Micros: 20_000, cpuPercent: 30, allowedCores: 2, timerLagP99Micros: 0) == nil)
        var onTime = Self.loop(users: 0, busy: 0, lagMicros: 300, lagSamples: 500, lagSeconds: Self.seconds(10, 300))
        onTime.arrivals = 2_000
        #expect(GeneratorSaturation.cause(
            loops: [onTime], latencyP50Micros: 1_000, cpuPercent: 30, allowedCores: 2, timerLagP99Micros: 0) == nil)
    }

    @Test func aBusyLoopRecordsWhy() throws {
        let stats = GeneratorStats(
            cpuPercent: 99, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(users: 100, measured: 5, busy: 5, busyPercent: 99.4)], latencyP50Micros: 900)
        #expect(stats.saturated)
        let cause = try #require(stats.saturationCause)
        #expect(cause == SaturationCause(
            kind: .loopBusy, loop: 1, users: 100, busySeconds: 5, measuredSeconds: 5, busyPercent: 99.4))
    }

    @Test func resultsWithoutLoopsKeepTheOldRule() {
        let old = GeneratorStats(cpuPercent: 96.5, allowedCores: 1, schedulingLagP99Micros: 62_000, schedulingLagMaxMicros: 81_000)
        #expect(old.saturated && old.saturationCause?.kind == .processCPU && old.loops == nil)
        let calm = GeneratorStats(cpuPercent: 41.25, allowedCores: 1, schedulingLagP99Micros: 800, schedulingLagMaxMicros: 2_100)
        #expect(!calm.saturated && calm.saturationCause == nil)
    }

    // MARK: A loop's load from the monitor's samples

    @Test func samplesAreAssignedByTheirMiddleAndAMissedSecondIsNotIdle() {
        let samples = [
            LoopSample(startMicros: 0, endMicros: 1_000_000, cpuMicros: 950_000, waitMicros: 10_000),
            // The monitor missed second 2: this sample spans seconds 1 and 2 and covers both.
            LoopSample(startMicros: 1_000_000, endMicros: 3_000_000, cpuMicros: 1_900_000, waitMicros: 20_000),
            // Ready but not given a CPU: little CPU, but it never waited, so it was busy.
            LoopSample(startMicros: 3_000_000, endMicros: 4_000_000, cpuMicros: 400_000, waitMicros: 0),
            LoopSample(startMicros: 4_000_000, endMicros: 5_000_000, cpuMicros: 100_000, waitMicros: 800_000),
            LoopSample(startMicros: 5_000_000, endMicros: 6_000_000, cpuMicros: 900_000, waitMicros: 0),
        ]
        let load = LoopLoad(
            loop: 1, users: 10, samples: samples, windowStartMicros: 1_000_000, windowEndMicros: 5_000_000,
            pollLag: LatencyHistogram(), userLag: LatencyHistogram())
        #expect(load.measuredSeconds == 4)
        #expect(load.busySeconds == 3)
        #expect(abs(load.cpuPercent - 2_400_000.0 / 4_000_000 * 100) < 1e-9)
        #expect(abs(load.busyPercent - (0.99 * 2 + 1 + 0.2) / 4 * 100) < 1e-9)
        #expect(LoopSample.cpuPercent(samples, startMicros: 1_000_000, endMicros: 3_000_000) == 95)
        #expect(LoopSample.cpuPercent(samples, startMicros: 7_000_000, endMicros: 9_000_000) == nil)
    }

    // MARK: Allowed CPUs

    /// `/proc/self/cgroup` text -> the cgroup v2 path.
    static let cgroupTexts: [(String, String?)] = [
        ("0::/\n", "/"),
        ("0::/user.slice/user-1000.slice/session-3.scope\n", "/user.slice/user-1000.slice/session-3.scope"),
        ("12:cpu,cpuacct:/docker/abc\n11:memory:/docker/abc\n0::/system.slice/docker-abc.scope\n", "/system.slice/docker-abc.scope"),
        ("4:memory:/x\n1:cpu:/\n", nil),
        ("", nil),
    ]

    @Test(arguments: cgroupTexts)
    func cgroupPath(text: String, path: String?) {
        #expect(CPUQuota.cgroupPath(procCgroup: text) == path)
    }

    @Test func cgroupFoldersGoFromTheLeafToTheRoot() {
        #expect(CPUQuota.cgroupFolders(path: "/") == ["/sys/fs/cgroup"])
        #expect(CPUQuota.cgroupFolders(path: "/a/b") == ["/sys/fs/cgroup/a/b", "/sys/fs/cgroup/a", "/sys/fs/cgroup"])
    }

    /// `cpu.max` text -> whole CPUs, rounded up.
    static let cpuMaxTexts: [(String, Int?)] = [
        ("max 100000\n", nil),
        ("200000 100000\n", 2),
        ("150000 100000\n", 2),
        ("50000 100000\n", 1),
        ("100000 100000", 1),
        ("400000 50000\n", 8),
        ("100001 100000\n", 2),
        ("0 100000\n", nil),
        ("garbage\n", nil),
        ("", nil),
    ]

    @Test(arguments: cpuMaxTexts)
    func cpuMax(text: String, cpus: Int?) {
        #expect(CPUQuota.cpus(cpuMax: text) == cpus)
    }

    /// Affinity count and `cpu.max` texts -> allowed CPUs: the smaller wins.
    static let allowed: [(Int, [String], Int)] = [
        (64, ["200000 100000\n"], 2),
        (64, ["max 100000\n", "300000 100000\n"], 3),
        (2, ["800000 100000\n"], 2),
        (1, ["max 100000\n"], 1),
        (4, [], 4),
        (4, ["150000 100000\n", "max 100000\n", "100000 100000\n"], 1),
    ]

    @Test(arguments: allowed)
    func allowedCPUs(affinity: Int, texts: [String], cpus: Int) {
        #expect(CPUQuota.allowedCPUs(affinity: affinity, cpuMaxTexts: texts) == cpus)
    }

    // MARK: What the outputs say

    @Test func theWarningNamesTheLoopHowBusyAndWhatToDo() {
        var result = ReportFixtures.result(interrupted: false)
        result.stages[1].generator = GeneratorStats(
            cpuPercent: 99, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(users: 100, measured: 5, busy: 5, busyPercent: 99.4)], latencyP50Micros: 900)
        let warning = ReportWarning.warnings(for: result).first
        #expect(warning?.message == "Stage 2: the generator was saturated: curl loop 1 (100 users) was 99% busy (of its "
            + "one core) in 5 of 5 s: its latencies measure the generator, not the target; run more curl loops "
            + "(--loops, now 1), fewer users, or give the generator more CPUs.")
        #expect(ReportWarning.saturationSummary(result.stages[1].generator) == "loop 1: 99% busy in 5 of 5 s")
        #expect(ReportWarning.saturationSummary(result.stages[0].generator) == nil)
    }

    @Test func aLaggingLoopIsToldWithItsLagAndTheLatency() {
        let stats = GeneratorStats(
            cpuPercent: 40, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(1, users: 50, busy: 0), Self.loop(2, users: 50, busy: 0, lagMicros: 3_100, lagSamples: 400)],
            latencyP50Micros: 1_200)
        let warning = ReportWarning.loopSaturated(stage: 1, cause: stats.saturationCause!, loops: 2)
        #expect(warning.message.hasPrefix("Stage 1: the generator was saturated: curl loop 2 (50 users) started its work "
            + "late (lag p99 3.1 ms against a p50 latency of 1.2 ms)"))
        #expect(ReportWarning.saturationSummary(stats) == "loop 2: lag p99 3.1 ms vs p50 1.2 ms")
    }

    @Test func theStagesTableAndCSVNameTheSaturatedLoop() {
        var result = ReportFixtures.result(interrupted: false)
        result.stages[1].generator = GeneratorStats(
            cpuPercent: 99, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(users: 100, measured: 5, busy: 5, busyPercent: 99.4)], latencyP50Micros: 900)
        let markdown = MarkdownReport.render(result)
        #expect(markdown.contains("| **SATURATED** (loop 1: 99% busy in 5 of 5 s) |"))
        let csv = StagesCSV.render(result).split(separator: "\n").map(String.init)
        #expect(csv[0] == StagesCSV.header + ",generator_saturation")
        #expect(csv.filter { $0.hasPrefix("2,") }.allSatisfy {
            $0.range(of: #",true,[0-9]+\.[0-9]{2},loop 1: 99% busy in 5 of 5 s$"#, options: .regularExpression) != nil
        })
        #expect(csv.filter { $0.hasPrefix("1,") }.allSatisfy { $0.range(of: #",false,[0-9]+\.[0-9]{2},$"#, options: .regularExpression) != nil })
        // Without a loop cause, the file keeps its columns.
        #expect(StagesCSV.render(ReportFixtures.result(interrupted: false)).hasPrefix(StagesCSV.header + "\n"))
    }
}
