import Foundation
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Stages and request names that do not line up are reported as data and as sentences.
@Suite struct CompareMatchingTests {
    @Test func mismatchedStagesUsersAndNames() {
        let baseline = CompareFixtures.baseline
        let delete = CompareFixtures.Endpoint(name: "user/delete", method: "DELETE", baseMicros: 9_000, requestsPerSecond: 5)
        let candidate = CompareFixtures.run(
            seed: 2,
            stages: [.init(users: 10, seconds: 22), .init(users: 30, seconds: 22), .init(users: 40, seconds: 22)],
            endpoints: [CompareFixtures.get, delete])
        let result = CompareFixtures.compare(baseline, candidate)
        #expect(result.mismatches == [
            CompareMismatch(kind: .requestOnlyInBaseline, stage: 1, name: "user/update", baselineMethod: "POST"),
            CompareMismatch(kind: .requestOnlyInCandidate, stage: 1, name: "user/delete", candidateMethod: "DELETE"),
            CompareMismatch(kind: .usersDiffer, stage: 2, baselineUsers: 20, candidateUsers: 30),
            CompareMismatch(kind: .requestOnlyInBaseline, stage: 2, name: "user/update", baselineMethod: "POST"),
            CompareMismatch(kind: .requestOnlyInCandidate, stage: 2, name: "user/delete", candidateMethod: "DELETE"),
            CompareMismatch(kind: .stageOnlyInCandidate, stage: 3, candidateUsers: 40),
        ])
        #expect(result.stages.map(\.number) == [1, 2])
        #expect(result.stages[1].rows.map(\.name) == ["user/get", RequestStats.aggregatedName])
        #expect(result.stages[1].candidateUsers == 30)
        let messages = result.mismatches.map(\.message)
        #expect(messages.contains("Stage 3 (40 users) is only in the candidate: not compared."))
        #expect(messages.contains("Stage 1: request \"user/update\" (POST) is only in the baseline: not compared."))
        #expect(messages.contains { $0.hasPrefix("Stage 2 ran 20 users in the baseline and 30 in the candidate") })
        #expect(CompareMarkdown.render(result).contains("- Stage 3 (40 users) is only in the candidate: not compared."))
    }

    @Test func stageOnlyInBaseline() {
        let baseline = CompareFixtures.baseline
        let candidate = CompareFixtures.run(seed: 2, stages: [CompareFixtures.stages[0]])
        let result = CompareFixtures.compare(baseline, candidate)
        #expect(result.mismatches == [CompareMismatch(kind: .stageOnlyInBaseline, stage: 2, baselineUsers: 20)])
        #expect(result.mismatches[0].message == "Stage 2 (20 users) is only in the baseline: not compared.")
    }

    @Test func changedMethodIsComparedAndReported() {
        let baseline = CompareFixtures.baseline
        var put = CompareFixtures.update
        put.method = "PUT"
        let candidate = CompareFixtures.run(seed: 2, endpoints: [CompareFixtures.get, put])
        let result = CompareFixtures.compare(baseline, candidate)
        #expect(result.mismatches.map(\.kind) == [.methodDiffers, .methodDiffers])
        #expect(result.mismatches[0].message
            == "Stage 1: request \"user/update\" is POST in the baseline and PUT in the candidate: compared anyway.")
        let row = result.stages[0].rows.first { $0.name == "user/update" }
        #expect(row?.metrics.allSatisfy { $0.baselineSeconds == 20 && $0.candidateSeconds == 20 } == true)
    }

    @Test func nothingInCommonPassesButSaysSo() {
        let baseline = CompareFixtures.run(seed: 1, stages: [])
        let result = CompareFixtures.compare(baseline, CompareFixtures.run(seed: 2))
        #expect(!result.failed)
        #expect(CompareMessages.verdictLine(result).plainText.contains("nothing was compared"))
    }

    @Test func saturationAndInterruptionAreCaveats() {
        var candidate = CompareFixtures.run(seed: 2)
        candidate.stages[1].generator = GeneratorStats(
            cpuPercent: 99, allowedCores: 1, schedulingLagP99Micros: 70_000, schedulingLagMaxMicros: 90_000)
        candidate.interrupted = true
        let result = CompareFixtures.compare(CompareFixtures.baseline, candidate)
        #expect(result.caveats == [
            CompareCaveat(kind: .generatorSaturated, side: .candidate, stage: 2),
            CompareCaveat(kind: .interrupted, side: .candidate, stage: 2),
        ])
        #expect(result.caveats[0].message.hasPrefix("Stage 2 of the candidate: the generator was saturated"))
    }
}

/// The fixtures' fast per-second percentiles agree with `LatencyHistogram`'s.
@Suite struct CompareFixturesTests {
    @Test func fastPercentilesMatchTheHistogram() {
        var random = RandomSource(seed: 5)
        var stats = RequestStats(name: "x", method: "GET")
        var micros: [UInt64] = []
        for count in [1, 2, 7, 13, 100] {
            for _ in 0..<count {
                let value = UInt64(500 + CompareFixtures.unit(&random) * 40_000)
                micros.append(value)
                stats.record(RequestOutcome(
                    status: 200, bodyBytes: 0, newConnections: 0, timing: TransferTiming(totalMicros: value),
                    failure: nil))
            }
            let fast = CompareFixtures.interval(stats, micros: micros, total: stats)
            #expect(fast.percentileMicros == IntervalStats.percentiles.map { stats.latency.micros(atPercentile: $0) })
        }
    }
}
