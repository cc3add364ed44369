import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerEngine
import LoadRunnerTestSupport
import Testing

/// What schema 2 adds, from a real run: per-second buckets that rebuild the stage histograms exactly, the
/// series' absolute start, the generator's lag histogram and the validated compare budgets.
@Suite(.serialized) struct ResultSchemaTwoTests {
    @Test func perSecondBucketsRebuildTheStageWindowExactly() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: schema 2
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                  - { name: missing, path: /missing }
                stages:
                  - { users: 4, spawn_rate: 100, duration: 3s, warmup: 1s }
                compare:
                  - "p95 > +10% and +2ms"
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.schemaVersion == 2)
            let stage = result.stages[0]
            let window = Int(stage.windowStartSeconds)..<Int(stage.windowEndSeconds)
            for request in stage.requests {
                #expect(request.latency.count > 0)
                #expect(result.latency(ofRequest: request.name, method: request.method, seconds: window) == request.latency)
            }
            #expect(result.latency(seconds: window) == stage.aggregated.latency)
            // The aggregate row keeps its summary, derived from the same samples.
            for sample in result.series where sample.aggregated.requests > 0 {
                let merged = try #require(result.latency(seconds: sample.second..<(sample.second + 1)))
                #expect(sample.aggregated.latency == nil)
                #expect(sample.aggregated.micros(atPercentile: 95) == merged.micros(atPercentile: 95))
            }
        }
    }

    @Test func startLagAndBudgetsAreKeptAsData() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: schema 2 extras
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, duration: 2s, warmup: 1s }
                compare:
                  - "p95 > +10% and +2ms"
                  - "rps < -5%"
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.startUnixMicros == RunResult.unixMicros(result.provenance.startTime))
            #expect(result.compareBudgets?.map(\.text) == ["p95 > +10% and +2ms", "rps < -5%"])
            let generator = result.stages[0].generator
            let lag = try #require(generator.schedulingLag)
            #expect(lag.count > 5)
            #expect(generator.schedulingLagP99Micros == lag.micros(atPercentile: 99))
            #expect(generator.schedulingLagMaxMicros == lag.maxMicros)
            // Dates are written to the microsecond, so compare what is written, not the in-memory dates.
            let written = try ResultJSON.string(result)
            let decoded = try ResultJSON.decode(Data(written.utf8))
            #expect(try ResultJSON.string(decoded) == written)
            #expect(decoded.series == result.series)
            #expect(decoded.stages == result.stages)
            // The schema check the harness runs on every result does catch a result that breaks the schema.
            var object = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
            object["startUnixMicros"] = nil
            let broken = try JSONSerialization.data(withJSONObject: object)
            #expect(ResultSchema.problems(inResult: broken).contains { $0.contains("'startUnixMicros' is a required property") })
        }
    }
}
