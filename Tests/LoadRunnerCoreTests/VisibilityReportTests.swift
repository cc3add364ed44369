import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// The report's Visibility table, from a fixed result: counts, stale shares, polls per probe and the time to
/// visibility's percentiles, worked out by hand; an `all` row for a read answered by two nodes; nothing without probes.
@Suite struct VisibilityReportTests {
    @Test func theVisibilityTableShowsEachReadAndNode() throws {
        var result = ReportFixtures.result()
        var primary = VisibilityStats(name: "item/get", node: "primary")
        // Three probes seen on the first poll after 1, 2 and 3 ms.
        for millis in [1, 2, 3] { primary.recordProbe(visibleAfterMicros: Int64(millis) * 1_000, polls: 1) }
        var replica = VisibilityStats(name: "item/get", node: "replica1")
        // One seen on the third poll after 40 ms, one never seen after 5 polls.
        replica.recordProbe(visibleAfterMicros: 40_000, polls: 3)
        replica.recordProbe(visibleAfterMicros: nil, polls: 5)
        result.stages[0].visibility = [primary, replica]
        let text = MarkdownWriter.render(ReportDocument(title: "", blocks: VisibilitySection.blocks(result)))
        // p50 of 1, 2, 3 ms (and of 1, 2, 3, 40 ms) is 2 ms, exact (buckets are 1 µs wide below 2,048 µs); 3 ms and 40 ms
        // show as the top of their buckets (3,000 + 1 µs, 40,000 + 31 µs). Polls/probe of `all`: 11 polls over 5 probes.
        #expect(text.hasSuffix("""
            | Stage | Read     | Node     | Probes | Stale first | Stale % | Not visible | Polls/probe |    p50 |    p95 |    p99 |    Max |
            | ----: | -------- | -------- | -----: | ----------: | ------: | ----------: | ----------: | -----: | -----: | -----: | -----: |
            |     1 | item/get | primary  |      3 |           0 |     0.0 |           0 |        1.00 |  2.000 |  3.001 |  3.001 |  3.001 |
            |     1 | item/get | replica1 |      2 |           2 |   100.0 |           1 |        4.00 | 40.031 | 40.031 | 40.031 | 40.031 |
            |     1 | item/get | all      |      5 |           2 |    40.0 |           1 |        2.20 |  2.000 | 40.031 | 40.031 | 40.031 |

            """), "\(text)")
        #expect(text.hasPrefix("## Visibility\n"))
        #expect(MarkdownReport.render(result).contains("## Visibility\n"))
        let console = ConsoleWriter.render(ConsoleSummary.document(result))
        #expect(console.contains("await stage  read      node      probes  stale first"), "\(console)")
    }

    @Test func aRunWithoutProbesHasNoVisibilityTable() {
        #expect(VisibilitySection.blocks(ReportFixtures.result()).isEmpty)
        #expect(!MarkdownReport.render(ReportFixtures.result()).contains("## Visibility"))
        #expect(!ConsoleWriter.render(ConsoleSummary.document(ReportFixtures.result())).contains("await stage"))
    }
}
