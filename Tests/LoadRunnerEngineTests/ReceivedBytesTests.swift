import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports
import LoadRunnerTestSupport
import LoadRunnerText
import Testing

/// Bytes received per second against the test server's `/bytes/N`, whose bodies are exactly N bytes: the server's
/// request count times N, over the stage window, is the figure every output must show.
@Suite(.serialized) struct ReceivedBytesTests {
    /// Two users that start a request every 200 ms for 2 s: 20 requests in a window of exactly 2 s.
    static func profile(bytes: Int, target: String, thresholds: [String] = []) throws -> Profile {
        let gates = thresholds.isEmpty ? "" : "\nthresholds:\n" + thresholds.map { "  - \"\($0)\"" }.joined(separator: "\n")
        return try EngineHarness.profile("""
            name: received bytes
            target: http://127.0.0.1:1
            requests:
              - { name: get, path: /bytes/\(bytes) }
            think_time: { pacing: 200ms }
            stages:
              - { users: 2, spawn_rate: 1000, duration: 2s }
            """ + gates, target: target)
    }

    @Test func everyOutputShowsTheBytesTheServerSentPerSecond() async throws {
        try await TestHTTPServer.withServer { server in
            let (result, _) = try await EngineHarness.run(try Self.profile(bytes: 1000, target: server.baseURL))
            let stage = try #require(result.stages.first)
            let sent = server.requests(forPathPrefix: "/bytes/1000")
            #expect(sent > 0)
            #expect(stage.aggregated.requests == UInt64(sent))
            #expect(stage.aggregated.bodyBytes == UInt64(sent) * 1000)
            let truth = Double(sent * 1000) / stage.windowSeconds

            let values = MetricValues(result: result)
            #expect(values.value(MetricID(.total, .receivedBytesPerSecond), in: .stage(1)) == truth)
            #expect(values.value(try MetricID.parse("requests[get].bytes_per_s").get(), in: .stage(1)) == truth)
            // The whole run: every byte over every recorded second.
            #expect(values.value(MetricID(.total, .receivedBytesPerSecond), in: .run) == Double(sent * 1000) / Double(result.series.count))

            let csv = StagesCSV.render(result).split(separator: "\n")
            #expect(csv[0].hasSuffix(",received_bytes_per_s"))
            #expect(csv.dropFirst().allSatisfy { $0.hasSuffix("," + ReportNumber.fixed(truth, decimals: 2)) })
            let human = ReportNumber.bytes(truth) + "/s"
            #expect(ConsoleSummary.render(result).contains("  " + human))
            #expect(MarkdownReport.render(result).contains("| " + human + " |"))
        }
    }

    /// Thresholds pass and fail where the arithmetic says: in the engine's run (a limit no run can miss and one no
    /// run can reach), and on both sides of the exact figure.
    @Test func thresholdsJudgeTheExactFigure() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try Self.profile(
                bytes: 1000, target: server.baseURL,
                thresholds: ["received_bytes_per_s > 1B/s", "bytes_per_s > 1GB/s", "get: received_bytes_per_s >= 0.001 MB/s"])
            var (result, _) = try await EngineHarness.run(profile)
            result.evaluateThresholds(profile.thresholds)
            let outcomes = try #require(result.thresholds)
            #expect(outcomes.map(\.status) == [.passed, .failed, .passed])
            let truth = Double(server.requests(forPathPrefix: "/bytes/1000") * 1000) / result.stages[0].windowSeconds
            #expect(outcomes.allSatisfy { $0.observed == truth && $0.unit == "bytes/s" })

            let below = Int(truth.rounded(.down))
            let specs = try ["received_bytes_per_s >= \(below) B/s", "received_bytes_per_s > \(below + 1)B/s",
                             "received_bytes_per_s < \(below + 1)", "received_bytes_per_s < \(below)"]
                .map { try ThresholdParser.parse($0).get() }
            #expect(ThresholdEvaluator.evaluate(specs, on: result).map(\.status) == [.passed, .failed, .passed, .failed])
        }
    }

    /// Twice the bytes at the same arrival rate: compare shows +100%, in every compare output.
    @Test func compareShowsTwiceTheBytes() async throws {
        try await TestHTTPServer.withServer { server in
            let (baseline, _) = try await EngineHarness.run(try Self.profile(bytes: 1000, target: server.baseURL))
            let (candidate, _) = try await EngineHarness.run(try Self.profile(bytes: 2000, target: server.baseURL))
            let sent = (server.requests(forPathPrefix: "/bytes/1000"), server.requests(forPathPrefix: "/bytes/2000"))
            #expect(sent.0 == 20 && sent.1 == 20)
            #expect(baseline.stages[0].windowSeconds == 2 && candidate.stages[0].windowSeconds == 2)

            let result = RunComparator().compare(
                baseline: baseline, candidate: candidate, baselineLabel: "1000", candidateLabel: "2000")
            let rows = result.metrics.filter { $0.metric.measure == .receivedBytesPerSecond }
            #expect(rows.count == 2)
            for row in rows {
                #expect(row.baseline == Double(sent.0 * 1000) / 2)
                #expect(row.candidate == Double(sent.1 * 2000) / 2)
                #expect(row.relativeChange == 1)
                #expect(row.budget == nil)
            }
            // 2 s windows are too short for an interval (20 whole seconds are needed): the values are exact, the
            // verdict says so rather than guess.
            #expect(rows.allSatisfy { $0.verdict == .tooShort })
            #expect(!result.improvements.contains { $0.metric.measure == .receivedBytesPerSecond })
            let markdownRows = CompareMarkdown.render(result).split(separator: "\n").filter { $0.contains("received_bytes_per_s") }
            #expect(markdownRows.count == 2)
            #expect(markdownRows.allSatisfy { $0.contains("10.0 kB/s") && $0.contains("20.0 kB/s") && $0.contains("+100.0%") })
            let csvRows = CompareCSV.render(result).split(separator: "\n").filter { $0.contains(",received_bytes_per_s,") }
            #expect(csvRows.count == 2)
            #expect(csvRows.allSatisfy { $0.contains(",bytes/s,10000.000,20000.000,10000.000,100.00,") })
            let json = String(decoding: try CompareJSON.encode(result), as: UTF8.self)
            #expect(json.contains("\"received_bytes_per_s\""))
            #expect(try CompareJSON.decode(CompareJSON.encode(result)).metrics.count == result.metrics.count)
        }
    }
}
