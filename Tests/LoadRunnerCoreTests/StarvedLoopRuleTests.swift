import LoadRunnerModel
import LoadRunnerReports
import Testing

/// The starved-loop rule (`loopStarved`) and the run-queue figures it reads, from fixed numbers: the schedstat line,
/// a loop's run-queue share and mean wait from the monitor's samples, the rule's thresholds, and the report's words.
@Suite struct StarvedLoopRuleTests {
    /// A loop of open arrivals measured for `measured` seconds that waited for a CPU `percent` of them (in `starved`
    /// of them), `meanWait` µs each time it got one.
    static func loop(measured: Double = 4, percent: Double?, starved: Double, meanWait: Double, busy: Double = 0) -> LoopLoad {
        var load = LoopLoad(
            loop: 1, users: 0, measuredSeconds: measured, busySeconds: busy, cpuPercent: 20, busyPercent: busy > 0 ? 95 : 30,
            arrivals: 8_000)
        load.runQueuePercent = percent
        load.starvedSeconds = percent == nil ? nil : starved
        load.runQueueMeanWaitMicros = percent == nil ? nil : meanWait
        return load
    }

    @Test(arguments: [
        ("15058242 12790246 58\n", ProcSchedStat(runNanos: 15_058_242, runQueueWaitNanos: 12_790_246, timeslices: 58)),
        ("0 301438 1", ProcSchedStat(runNanos: 0, runQueueWaitNanos: 301_438, timeslices: 1)),
    ])
    func parsesSchedStat(text: String, expected: ProcSchedStat) {
        #expect(ProcSchedStat.parse(text) == expected)
    }

    @Test func refusesWhatIsNotASchedStatLine() {
        #expect(ProcSchedStat.parse("") == nil)
        #expect(ProcSchedStat.parse("12 34") == nil)
        #expect(ProcSchedStat.parse("12 -3 4") == nil)
    }

    /// Samples in the window add up: 300 ms + 100 ms of run-queue wait over 2 s is 20%; the first second (30%) is
    /// starved, the second (10%) just so; 400 ms over 800 runs is 500 µs a run. A sample without schedstat counts
    /// for neither.
    @Test func aLoopsRunQueueShareAndMeanWaitFromItsSamples() throws {
        let samples = [
            LoopSample(startMicros: 0, endMicros: 1_000_000, cpuMicros: 100_000, waitMicros: 800_000, runQueueWaitMicros: 300_000, runs: 500),
            LoopSample(startMicros: 1_000_000, endMicros: 2_000_000, cpuMicros: 100_000, waitMicros: 800_000, runQueueWaitMicros: 100_000, runs: 300),
            LoopSample(startMicros: 2_000_000, endMicros: 3_000_000, cpuMicros: 100_000, waitMicros: 800_000),
        ]
        let load = LoopLoad(
            loop: 1, users: 5, samples: samples, windowStartMicros: 0, windowEndMicros: 3_000_000,
            pollLag: LatencyHistogram(), userLag: LatencyHistogram())
        #expect(abs(try #require(load.runQueuePercent) - 20) < 1e-9)
        #expect(load.starvedSeconds == 2)
        #expect(abs(try #require(load.runQueueMeanWaitMicros) - 500) < 1e-9)
        let unknown = LoopLoad(
            loop: 1, users: 5, samples: [samples[2]], windowStartMicros: 0, windowEndMicros: 3_000_000,
            pollLag: LatencyHistogram(), userLag: LatencyHistogram())
        #expect(unknown.runQueuePercent == nil && unknown.starvedSeconds == nil && unknown.runQueueMeanWaitMicros == nil)
    }

    /// loop, service p50 (µs) -> starved? The share (10%), the seconds (20% of them, at least 2) and the mean wait
    /// (10% of the p50 service time) must all hold; a busy loop is named busy first.
    static let cases: [(LoopLoad, UInt64, SaturationCause.Kind?)] = [
        (loop(percent: 44, starved: 4, meanWait: 218), 80, .loopStarved),
        (loop(percent: 10, starved: 2, meanWait: 10), 100, .loopStarved),
        (loop(percent: 9.9, starved: 4, meanWait: 218), 80, nil),
        (loop(percent: 44, starved: 1, meanWait: 218), 80, nil),
        // A slow target: 1 ms per wait is 1% of a 100 ms answer, noise.
        (loop(percent: 44, starved: 4, meanWait: 1_000), 100_000, nil),
        (loop(percent: nil, starved: 0, meanWait: 0), 80, nil),
        (loop(percent: 44, starved: 4, meanWait: 218, busy: 4), 80, .loopBusy),
    ]

    @Test(arguments: cases)
    func theStarvedRule(loop: LoopLoad, serviceP50: UInt64, kind: SaturationCause.Kind?) {
        // The latency's p50 (2 s of queueing for a connection) is not what the rule judges in an open stage.
        let cause = GeneratorSaturation.cause(
            loops: [loop], latencyP50Micros: 2_000_000, cpuPercent: 30, allowedCores: 2, timerLagP99Micros: 0,
            serviceP50Micros: serviceP50)
        #expect(cause?.kind == kind)
    }

    @Test func aStarvedLoopIsNamedInTheResultAndTheReport() throws {
        let stats = GeneratorStats(
            cpuPercent: 30, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(percent: 44.2, starved: 3, meanWait: 218)], latencyP50Micros: 5_300, serviceP50Micros: 900)
        #expect(stats.saturated && stats.runQueueWaitPercent == 44.2)
        let cause = try #require(stats.saturationCause)
        #expect(cause == SaturationCause(
            kind: .loopStarved, loop: 1, measuredSeconds: 4, latencyP50Micros: 900, runQueuePercent: 44.2,
            starvedSeconds: 3, runQueueMeanWaitMicros: 218))
        #expect(ReportWarning.saturationSummary(stats) == "loop 1 starved: waited for a CPU 44.2% of the time in 3 of 4 s")
        let warning = ReportWarning.loopSaturated(stage: 2, cause: cause, loops: 1)
        #expect(warning.message == "Stage 2: generator starved: the machine did not give the load generator's thread the "
            + "CPU: curl loop 1 waited runnable for a CPU 44.2% of the window (at least 10% in 3 of 4 s), 0.22 ms each "
            + "time it got one, against a p50 of 0.90 ms: its latencies measure the machine's other work, not the target; "
            + "run on a quieter machine, stop what else runs there, or give the generator CPUs of its own.")
    }

    /// An open stage whose pool filled behind a starved loop: 10,000/s with a service mean of 2.3 ms explains 23 of
    /// 50 connections, which alone would read as the target's (poolAtCap); the starved loop makes it the generator's.
    @Test func aFullPoolBehindAStarvedLoopIsNotTheTargets() throws {
        var aggregated = RequestStats(name: "Aggregated", method: "")
        aggregated.service = LatencyHistogram()
        aggregated.service?.record(micros: 2_300, count: 10_000)
        let generator = GeneratorStats(
            cpuPercent: 30, allowedCores: 2, schedulingLag: LatencyHistogram(),
            loops: [Self.loop(percent: 44.2, starved: 3, meanWait: 400)], latencyP50Micros: 150_000, serviceP50Micros: 2_300)
        var stage = StageResult(
            number: 1, users: 0, spawnRate: 0, startSeconds: 0, endSeconds: 2, windowStartSeconds: 0, windowEndSeconds: 2,
            requests: [], aggregated: aggregated, generator: generator)
        stage.open = OpenStageStats(
            targetStartPerSecond: 10_000, targetEndPerSecond: 10_000, due: 20_000, sent: 12_000, completed: 12_000,
            missed: 8_000, peakInFlight: 50, connectionsOpened: 50, maxConnections: 50, reachedMaxConnections: true)
        let figures = try #require(OpenStageFigures(stage))
        #expect(figures.targetExplainsCap && figures.starved)
        #expect(figures.cause == .generatorSaturated)
        let message = ReportWarning.openStageBehind(figures).message
        #expect(message.contains("The generator was starved (loop 1 starved: waited for a CPU 44.2% of the time in 3 of "
            + "4 s): the machine did not give the load generator's thread the CPU"), "\(message)")
        #expect(!message.contains("overloaded"), "\(message)")
    }
}
