import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Testing

/// A generator starved of CPU, on purpose: the run's curl loop thread pinned to CPU 0 beside busy shell loops pinned
/// there (`CPUStarver`; the rest of the process keeps its CPUs), against nginx on the machine's CPUs. The loop's thread then waits
/// on CPU 0's run queue for the hog's slices: the kernel's own count of that wait (`schedstat`) must say so, the
/// stage must be invalid (the generator's, not the target's), and a quiet run beside it must show almost no wait.
/// The starved run takes one CPU of this 2-core machine for about 6 s: `make test` runs suites one at a time
/// (`--no-parallel`), so no other suite measures beside it; run beside others (a parallel `--filter`), it makes their
/// task-pool timers late.
@Suite(.serialized) struct StarvedGeneratorEngineTests {
    static let profileText = """
        name: starved
        target: http://127.0.0.1:1
        max_connections: 50
        max_lag: 200ms
        requests:
          - { name: ok, path: /ok }
        stages:
          - { rate: 2000/s, duration: 5s, warmup: 1s }
        """

    /// What the generator measured, for a failed expectation.
    static func seen(_ stage: StageResult) -> String {
        let generator = stage.generator
        let loop = generator.loops?.first
        return "run queue \(generator.runQueueWaitPercent.map { String(format: "%.1f", $0) } ?? "nil")%, starved "
            + "\(loop?.starvedSeconds ?? -1) of \(loop?.measuredSeconds ?? -1) s, busy \(loop?.busyPercent ?? -1)% "
            + "(cpu \(loop?.cpuPercent ?? -1)%), mean wait \(loop?.runQueueMeanWaitMicros ?? -1) µs, cause \(generator.saturationCause.map { "\($0.kind)" } ?? "none"), "
            + "timer lag p99 \(generator.schedulingLagP99Micros) µs"
            + (OpenStageFigures(stage).map { ", " + OpenPoolCauseEngineTests.seen($0) } ?? "")
    }

    /// Two hogs on the loop's only CPU: while the loop is runnable the scheduler shares the CPU three ways, so it waits
    /// about twice as long as it runs: its run-queue share should be about twice its CPU share (judged at no less
    /// than its CPU share; other processes on CPU 0 only add to the wait). At 2,000/s the loop runs 15-20% of each
    /// second, so it waits well above the rule's 10%, and in every second of the window, not in a burst. (With one
    /// hog it waited 19-20% against 15-18% CPU on a calm machine, 44-70% with other engineers' builds running.)
    @Test func aLoopStarvedOfCPUIsTheGeneratorsNotTheTargets() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile(Self.profileText, target: nginx.baseURL)
            let (result, _) = try await CPUStarver.withStarvedLoops(cpu: 0, hogs: 2) {
                try await EngineHarness.run(profile, loops: 1)
            }
            let stage = result.stages[0]
            let seen = Self.seen(stage)
            let generator = stage.generator
            let percent = try #require(generator.runQueueWaitPercent, "\(seen)")
            #expect(percent >= GeneratorSaturation.runQueueShare * 100 && percent <= 95, "\(seen)")
            let loop = try #require(generator.loops?.first)
            #expect(percent >= loop.cpuPercent, "\(seen)")
            #expect((loop.starvedSeconds ?? 0) >= GeneratorSaturation.minimumBusySeconds, "\(seen)")
            #expect(generator.saturated, "\(seen)")
            // Named for what it is: starved; or busy, when the loop also used its share of CPU 0 to the full.
            let cause = try #require(generator.saturationCause)
            #expect(cause.kind == .loopStarved || cause.kind == .loopBusy, "\(seen)")
            let figures = try #require(OpenStageFigures(stage))
            if figures.isBehind { #expect(figures.cause == .generatorSaturated, "\(seen)") }
            #expect(!ReportWarning.warnings(for: result).contains { $0.message.contains("overloaded") }, "\(seen)")
            // The report says it: the stages table's generator cell and, when starved was the rule, the warning.
            let report = MarkdownReport.render(result)
            #expect(report.contains("run queue \(ReportNumber.fixed(percent, decimals: 1))%"), "\(seen)")
            if cause.kind == .loopStarved {
                #expect(report.contains("generator starved: the machine did not give the load generator's thread the CPU"))
            }
        }
    }

    /// The known case of OpenPoolCauseEngineTests, forced: 30,000/s on one starved loop with `max_connections: 50`
    /// (10,000/s was first used; since the loop waits through `curl_multi_socket_action` it kept that rate on a third
    /// of a core, debug build).
    /// The loop reads its answers late, so the pool fills and libcurl's service times grow with the loop's delay
    /// toward what Little's law would take for the target's (seen: peak 50 of 50, service mean 1.14 ms, so 11.4 of the
    /// 12.5 connections that would blame the target); the verdict must be the generator's, never "overloaded".
    @Test func aPoolFilledBehindAStarvedLoopIsNotTheTargets() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile("""
                name: starved pool
                target: http://127.0.0.1:1
                max_connections: 50
                max_lag: 200ms
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 30000/s, duration: 4s, warmup: 1s }
                """, target: nginx.baseURL)
            let (result, _) = try await CPUStarver.withStarvedLoops(cpu: 0, hogs: 2) {
                try await EngineHarness.run(profile, loops: 1)
            }
            let stage = result.stages[0]
            let seen = Self.seen(stage)
            #expect(stage.generator.saturated, "\(seen)")
            let figures = try #require(OpenStageFigures(stage))
            #expect(figures.isBehind && figures.cause == .generatorSaturated, "\(seen)")
            #expect(!ReportWarning.warnings(for: result).contains { $0.message.contains("overloaded") }, "\(seen)")
        }
    }

    /// The same stage with nothing pinned: the loop finds a CPU free nearly always, unless other processes hold the
    /// CPUs. Other engineers' builds and benchmarks share this machine (an unpinned loop waited 56% of its window at a
    /// load average of 11, and 10-17% beside a benchmark using a whole core while the task-pool timer stayed within
    /// 2 ms), so the share is judged against the machine's own count of what others used meanwhile (`/proc/stat`'s busy
    /// time minus this process's CPU time; nginx's worker, ~0.2 core at this rate, is among them): below the rule's 10%
    /// when the others used less than half a core of the two; recorded and in range otherwise.
    @Test func aQuietLoopBarelyWaitsForACPU() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile(Self.profileText, target: nginx.baseURL)
            let before = MachineCPU.reading()
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let others = MachineCPU.othersCores(since: before)
            let stage = result.stages[0]
            let seen = Self.seen(stage) + ", others used \(others.map { String(format: "%.2f", $0) } ?? "?") cores"
            let percent = try #require(stage.generator.runQueueWaitPercent, "\(seen)")
            #expect(percent >= 0 && percent <= 100, "\(seen)")
            if let others, others < 0.5 {
                #expect(percent < GeneratorSaturation.runQueueShare * 100, "\(seen)")
                #expect(stage.generator.saturationCause?.kind != .loopStarved, "\(seen)")
            }
        }
    }
}

/// The machine's CPU time (`/proc/stat`, every CPU) and this process's, to tell how much other processes used.
struct MachineCPU {
    var busyTicks: UInt64
    var ownMicros: Int64
    var wallMicros: Int64

    static func reading() -> MachineCPU? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 5 else { return nil }
        // Busy: everything but idle (4th) and iowait (5th); guest time is already inside user.
        let busy = fields.prefix(8).reduce(0, +) - fields[3] - fields[4]
        var own = timespec(), wall = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &own)
        clock_gettime(CLOCK_MONOTONIC, &wall)
        return MachineCPU(
            busyTicks: busy, ownMicros: Int64(own.tv_sec) * 1_000_000 + Int64(own.tv_nsec) / 1_000,
            wallMicros: Int64(wall.tv_sec) * 1_000_000 + Int64(wall.tv_nsec) / 1_000)
    }

    /// Cores other processes kept busy on average since `before`; nil when `/proc/stat` could not be read.
    static func othersCores(since before: MachineCPU?) -> Double? {
        guard let before, let after = reading(), after.wallMicros > before.wallMicros else { return nil }
        let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
        let busyMicros = Double(after.busyTicks - before.busyTicks) / ticksPerSecond * 1_000_000
        return max(0, busyMicros - Double(after.ownMicros - before.ownMicros)) / Double(after.wallMicros - before.wallMicros)
    }
}
