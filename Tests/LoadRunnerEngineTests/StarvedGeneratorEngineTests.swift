import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// A generator starved of CPU, on purpose: the whole test process (so its curl loop too) pinned to CPU 0 beside a
/// busy shell loop pinned there (`CPUStarver`), against nginx on the machine's CPUs. The loop's thread then waits
/// on CPU 0's run queue for the hog's slices: the kernel's own count of that wait (`schedstat`) must say so, the
/// stage must be invalid (the generator's, not the target's), and a quiet run beside it must show almost no wait.
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

    /// One hog on the loop's only CPU: a loop that wants the CPU gets it about half the time, so whenever it is
    /// runnable it waits about as long as it runs. At 2,000/s its thread is runnable a good share of each second
    /// (well above the rule's 10%), and every second of the window is starved, not a burst.
    @Test func aLoopStarvedOfCPUIsTheGeneratorsNotTheTargets() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile(Self.profileText, target: nginx.baseURL)
            let (result, _) = try await CPUStarver.withStarvedCPU(cpu: 0, hogs: 1, boundSeconds: 30) {
                try await EngineHarness.run(profile, loops: 1)
            }
            let stage = result.stages[0]
            let seen = Self.seen(stage)
            print("starved: \(seen)")
            let generator = stage.generator
            let percent = try #require(generator.runQueueWaitPercent, "\(seen)")
            #expect(percent >= GeneratorSaturation.runQueueShare * 100 && percent <= 95, "\(seen)")
            let loop = try #require(generator.loops?.first)
            #expect((loop.starvedSeconds ?? 0) >= GeneratorSaturation.minimumBusySeconds, "\(seen)")
            #expect(generator.saturated, "\(seen)")
            // Named for what it is: starved; or busy, when the loop also used its share of CPU 0 to the full.
            let cause = try #require(generator.saturationCause)
            #expect(cause.kind == .loopStarved || cause.kind == .loopBusy, "\(seen)")
            let figures = try #require(OpenStageFigures(stage))
            if figures.isBehind { #expect(figures.cause == .generatorSaturated, "\(seen)") }
            #expect(!ReportWarning.warnings(for: result).contains { $0.message.contains("overloaded") }, "\(seen)")
        }
    }

    /// The same stage with nothing pinned: the loop finds a CPU free nearly always. Judged only when the machine kept
    /// time (the task-pool timer's p99 within 2 ms, as the other engine tests judge lag): other engineers' builds
    /// share this machine, and at a load average of 11 on 2 cores an unpinned loop waited 56% of the window (and the
    /// rule rightly names it then).
    @Test func aQuietLoopBarelyWaitsForACPU() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile(Self.profileText, target: nginx.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stage = result.stages[0]
            let seen = Self.seen(stage)
            print("quiet: \(seen)")
            let percent = try #require(stage.generator.runQueueWaitPercent, "\(seen)")
            #expect(percent >= 0 && percent <= 100, "\(seen)")
            if stage.generator.schedulingLagP99Micros <= 2_000 {
                #expect(percent < GeneratorSaturation.runQueueShare * 100, "\(seen)")
                #expect(stage.generator.saturationCause?.kind != .loopStarved, "\(seen)")
            }
        }
    }
}
