import Foundation
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// `report.html`: self-contained, escaped, the report's content with the charts inline.
@Suite struct HTMLReportTests {
    let result = ReportFixtures.result()

    var page: String { HTMLReport.render(result, charts: RunCharts.charts(for: result)) }

    @Test func loadsNothingAndRunsNothing() {
        let lowered = page.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "<embed", " src=", "href=", "url(", "@import"] {
            #expect(!lowered.contains(forbidden), "\(forbidden)")
        }
        // The only URLs in the page: SVG's namespace, and the target shown as text (summary and profile).
        let urls = lowered.components(separatedBy: "http").dropFirst().filter { $0.hasPrefix("://") || $0.hasPrefix("s://") }
        #expect(urls.count == 5)
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") || $0.hasPrefix("://127.0.0.1:8085") })
    }

    @Test func isWellFormedAndHasEveryChartInline() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(ChartText.isWellFormedXML(page))
        for chart in RunCharts.charts(for: result) {
            #expect(page.contains(chart.svg), "\(chart.fileName)")
        }
    }

    @Test func hasTheReportsContentWarningsFirst() throws {
        let order = ["<h1>LoadRunner report: checkout smoke</h1>", "<h2>Warnings</h2>", "<h2>Stages</h2>",
                     "<h2>Charts</h2>", "<h2>Requests</h2>", "<h2>Failures</h2>", "<h2>Environment</h2>",
                     "<h2>Profile</h2>"]
        let positions = try order.map { try #require(page.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(page.contains("<strong>Stage 2: 18.75% of requests failed (above 1%); see the failures.</strong>"))
        #expect(page.contains("<td class=\"num\">30.111</td>"))
        #expect(page.contains("<td><strong>SATURATED</strong></td>"))
        #expect(page.contains("<td>search, &quot;fuzzy&quot;</td>"))
        #expect(page.contains("Target <code>http://127.0.0.1:8085</code>"))
        #expect(page.contains("<strong>interrupted</strong>"))
        #expect(page.contains("<code>loadrunner run Profiles/checkout.yaml --output &#39;Reports/checkout run&#39;</code>"))
        #expect(page.contains("- name: &#39;search, &quot;fuzzy&quot;&#39;"))
    }

    @Test func escapesEverythingTheProfileControls() {
        var hostile = result
        hostile.provenance.profileName = "<script>alert(1)</script>"
        hostile.provenance.profileText = "name: </pre><script>x</script>"
        hostile.provenance.target = "http://x/\"><img src=y>"
        let page = HTMLReport.render(hostile, charts: [])
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("<title>LoadRunner report: &lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        #expect(!page.contains("<h2>Charts</h2>"))
        #expect(ChartText.isWellFormedXML(page))
    }
}
