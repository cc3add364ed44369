import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// An open stage whose generator cannot keep up says that the stage is invalid, against a run where that is known in
/// advance: one curl loop asked for 100,000 arrivals a second against nginx (which answers in well under a
/// millisecond) can send only part of them in time, as one core bounds it (docs/performance.md: a loop spends
/// 25-50 µs of CPU per request, so one core sends at most 20,000-40,000 a second; a fast CI machine kept up with
/// 20,000, which is why the rate is five times that). The stage falls behind and the generator is flagged as saturated
/// (up to 1,000 connections: the loop, not the pool, is what runs out), so the warning calls the stage invalid, not
/// the target overloaded. (`OpenReportEngineTests.aFullPoolSaysTheTargetIsOverloaded` is the other cause: a valid
/// result.)
@Suite(.serialized) struct OpenSaturationEngineTests {
    @Test func aSaturatedGeneratorMakesTheOpenStageInvalid() async throws {
        try await NginxServer.withServer { nginx in
            let profile = try EngineHarness.profile("""
                name: saturated
                target: http://127.0.0.1:1
                max_connections: 1000
                max_lag: 200ms
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 100000/s, duration: 4s, warmup: 1s }
                """, target: nginx.baseURL)
            let (result, _) = try await EngineHarness.run(profile, loops: 1)
            let stage = result.stages[0]
            let figures = try #require(OpenStageFigures(stage))
            let loop = stage.generator.loops?.first
            let seen = "loop busy \(loop?.busySeconds ?? 0) of \(loop?.measuredSeconds ?? 0) s, sent \(figures.open.sent) of "
                + "\(figures.open.due), lag p99 \(figures.lagP99Micros ?? 0) µs, cause \(String(describing: stage.generator.saturationCause))"
            #expect(figures.open.due == 300_000, "\(seen)")
            // Ground truth: one loop cannot send 100,000 a second, so it fell behind, and the rule says why.
            #expect(figures.isBehind && stage.generator.saturated, "\(seen)")
            #expect(figures.cause == .generatorSaturated, "\(seen)")
            let behind = try #require(ReportWarning.warnings(for: result).first {
                if case .openStageBehind = $0 { true } else { false }
            })
            #expect(behind.message.contains("The generator was saturated ("), "\(behind.message)")
            #expect(behind.message.contains("the stage is invalid, its latencies measure the generator, not the target"))
            #expect(!behind.message.contains("overloaded"))
            #expect(MarkdownReport.render(result).contains(behind.message))
            #expect(ConsoleSummary.render(result).contains("warning: " + behind.message))
        }
    }
}
