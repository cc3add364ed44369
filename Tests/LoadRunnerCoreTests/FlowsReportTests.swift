import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// The report's Flows table, from a fixed result: counts, iterations per second of window and the iteration time's
/// percentiles, worked out by hand; nothing for a run without flows.
@Suite struct FlowsReportTests {
    @Test func theFlowsTableShowsEachStagesFlows() throws {
        var result = ReportFixtures.result()
        let stage = try #require(result.stages.first)
        var signedIn = FlowStats(name: "signed in")
        // Four iterations of 100, 200, 300 and 400 ms, and one skipped.
        for millis in [100, 200, 300, 400] {
            signedIn.recordIteration(startMicros: 0, endMicros: Int64(millis) * 1_000, skipped: false)
        }
        signedIn.recordIteration(startMicros: 0, endMicros: 5_000, skipped: true)
        result.stages[0].flows = [signedIn, FlowStats(name: "idle")]
        let text = MarkdownWriter.render(ReportDocument(title: "", blocks: FlowsSection.blocks(result)))
        #expect(stage.windowSeconds == 2)
        // p50 200 ms and p95 400 ms, each as the top of its HdrHistogram bucket (200,000 + 63 µs, 400,000 + 127 µs);
        // 4 iterations over a 2 s window.
        #expect(text.hasSuffix("""
            | Stage | Flow      | Completed | Skipped | Iterations/s |     p50 |     p95 |     p99 |     Max |
            | ----: | --------- | --------: | ------: | -----------: | ------: | ------: | ------: | ------: |
            |     1 | signed in |         4 |       1 |         2.00 | 200.063 | 400.127 | 400.127 | 400.127 |
            |     1 | idle      |         0 |       0 |         0.00 |       - |       - |       - |       - |

            """), "\(text)")
        #expect(text.hasPrefix("## Flows\n"))
        #expect(MarkdownReport.render(result).contains("## Flows\n"))
        let console = ConsoleWriter.render(ConsoleSummary.document(result))
        #expect(console.contains("flow stage  flow       completed  skipped  iterations/s   p50 ms   p95 ms   p99 ms   max ms"), "\(console)")
    }

    @Test func aRunWithoutFlowsHasNoFlowsTable() {
        #expect(FlowsSection.blocks(ReportFixtures.result()).isEmpty)
        #expect(!MarkdownReport.render(ReportFixtures.result()).contains("## Flows"))
        #expect(!ConsoleWriter.render(ConsoleSummary.document(ReportFixtures.result())).contains("flow stage"))
    }
}
