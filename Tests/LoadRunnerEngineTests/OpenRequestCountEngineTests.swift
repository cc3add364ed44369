import Foundation
@testable import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
@testable import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// What every output counts for an open stage that missed arrivals, against a run whose counts are known in advance:
/// 10/s for 2 s (20 arrivals due, at 0, 100, ... 1900 ms) with `max_connections: 2` against a server that stalls each
/// answer 2.5 s. The first two arrivals take the two connections, which stay busy past the load's end, so the other
/// 18 are `missed`: 2 requests made (the server's own count), 18 missed, 90% errors; RPS is 2 over the 2 s window.
@Suite(.serialized) struct OpenRequestCountEngineTests {
    static let stall = """
        name: stall
        target: http://127.0.0.1:1
        timeout: 10s
        max_connections: 2
        requests:
          - { name: stall, path: /delay/2500 }
        stages:
          - { rate: 10/s, duration: 2s }
        """

    @Test func missedArrivalsAreErrorsButNotRequests() async throws {
        try await TestHTTPServer.withServer { server in
            let (result, _) = try await EngineHarness.run(try EngineHarness.profile(Self.stall, target: server.baseURL))
            let stage = result.stages[0]
            let stats = stage.aggregated
            // Ground truth: the server answered 2 requests on 2 connections; the plan held 20 arrivals.
            #expect(server.requestsServed == 2 && server.connectionsAccepted == 2)
            #expect(stage.windowSeconds == 2)
            let open = try #require(stage.open)
            #expect(open.due == 20 && open.sent == 2 && open.completed == 2 && open.missed == 18)
            // result.json keeps every outcome: the 18 missed are counted there, as failures of their own category.
            #expect(stats.requests == 20 && stats.failures == 18 && stats.failuresByCategory == [.missed: 18])
            #expect(stats.requestsMade == 2 && stats.missed == 18)

            let values = MetricValues(result: result)
            func value(_ measure: MetricMeasure, _ window: MetricValues.Window = .stage(1)) -> Double? {
                values.value(MetricID(.total, measure), in: window)
            }
            #expect(value(.count) == 2 && value(.rps) == 1 && value(.failed) == 18 && value(.ok) == 2)
            #expect(value(.errorRate) == 0.9 && value(.missed) == 18 && value(.achievedRPS) == 1)
            #expect(value(.count, .run) == 2 && value(.rps, .run) == 2 / Double(result.series.count))
            #expect(values.value(MetricID(.request("stall"), .count), in: .run) == 2)

            // The report's stages and requests tables: Requests 2, Missed 18, RPS 1.00, Errors 90.00%.
            let markdown = MarkdownReport.render(result)
            let stagesRow = try #require(OpenReportEngineTests.row(markdown, under: "Stages", first: "1"))
            #expect(Array(stagesRow.prefix(6)) == ["1", "10/s", "0.0-2.0", "2", "18", "1.00"])
            #expect(stagesRow[10] == "90.00")
            let requestsRow = try #require(OpenReportEngineTests.row(markdown, under: "Requests", first: "1"))
            #expect(Array(requestsRow.prefix(6)) == ["1", "stall", "GET", "2", "18", "1.00"])
            #expect(requestsRow[10] == "90.00")

            // The console: requests, missed, rps, and the errors with the missed among them.
            let console = ConsoleSummary.render(result).split(separator: "\n")
            #expect(console[0].hasPrefix("stage  users/rate  requests  missed   rps"))
            let cells = console[1].split(separator: " ").map(String.init)
            #expect(Array(cells.prefix(5)) == ["1", "10/s", "2", "18", "1.00"])
            #expect(cells.contains("18") && cells.contains("(90.00%)"))

            // stages.csv: the same figures, and the row's missed arrivals beside the stage's dispatch counts.
            let csv = StagesCSV.render(result).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let columns = csv[0].map(String.init)
            let aggregated = try #require(csv.first { $0.count > 2 && $0[2] == "Aggregated" })
            func field(_ name: String) -> String? { columns.firstIndex(of: name).map { String(aggregated[$0]) } }
            #expect(field("requests") == "2" && field("rps") == "1.00" && field("failures") == "18")
            #expect(field("error_rate") == "0.900000" && field("missed_requests") == "18")
            #expect(field("due") == "20" && field("sent") == "2" && field("missed") == "18")

            // The throughput chart: 2 requests sent (both in second 0), 18 errors, over the run's seconds.
            let lines = RunCharts.throughputLines(for: result)
            #expect(lines.map(\.name) == ["Requests/s (missed arrivals left out)", "Errors/s (failed or missed)"])
            #expect(result.series.compactMap(lines[0].value).reduce(0, +) == 2)
            #expect(result.series.compactMap(lines[1].value).reduce(0, +) == 18)

            // Per-second rates count requests made: second 0 made 2 (at 0 and 100 ms) and missed 8, second 1 made
            // none and missed 10. The compare bootstrap's rps and achieved_rps per second say so, and over the window
            // give the point value, 1/s; the live line shows the second's 2 made and its 8 errors.
            let seconds = PerSecondSamples.window(result.series, stage: stage)
            #expect(seconds.map(\.aggregated.missed) == [8, 10] && seconds.map(\.aggregated.requests) == [10, 10])
            for measure in [MetricMeasure.rps, .achievedRPS] {
                #expect(seconds.compactMap { PerSecondSamples.sums($0.aggregated, measure: measure)?.0 } == [2, 0])
            }
            let live = LiveLine.format(elapsedSeconds: 1, stage: 1, stageCount: 1, users: 0, rate: "10/s", sample: seconds[0])
            #expect(live.contains("rps 2.0") && live.contains("errors 8"), "\(live)")

            // Locust has no missed arrivals: its files count them as failed requests, so its failure ratio is ours.
            let locust = LocustStatsCSV.render(result).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let total = try #require(locust.last?.split(separator: ",", omittingEmptySubsequences: false))
            #expect(total[1] == "Aggregated" && total[2] == "20" && total[3] == "18", "\(total)")
        }
    }
}
