import Foundation
import FoundationXML
import LoadRunnerModel
@testable import LoadRunnerReports
import Testing
#if canImport(FoundationXML)
#endif

/// The SVG documents: escaping, well-formed XML, golden files of the fixtures, and what a chart must contain.
///
/// Re-record the golden charts with `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter "ChartSVGTests|ChartCompareTests"`.
@Suite struct ChartSVGTests {
    @Test func escapesTextAndAttributes() {
        #expect(SVGDocument.escape("a<b & \"c\" 'd'\u{1}e") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39; e")
        var document = SVGDocument(width: 100, height: 50, title: "</title><script>x</script>")
        document.text("1 < 2 & \"3\"", x: 1.005, y: 2.5, size: 10)
        let svg = document.rendered
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"))
        #expect(svg.contains(">1 &lt; 2 &amp; &quot;3&quot;</text>"))
        #expect(ChartText.isWellFormedXML(svg))
    }

    @Test func numbersHaveAtMostTwoDecimals() {
        #expect(SVGDocument.number(12) == "12")
        #expect(SVGDocument.number(12.5) == "12.5")
        #expect(SVGDocument.number(1.0 / 3) == "0.33")
        #expect(SVGDocument.number(-0.001) == "0")
    }

    @Test func runChartsAreTheNamedFilesAndWellFormed() {
        let charts = RunCharts.charts(for: ReportFixtures.result())
        #expect(charts.map(\.fileName) == RunCharts.fileNames)
        #expect(RunCharts.fileNames == ["chart-throughput.svg", "chart-latency.svg", "chart-users.svg"])
        for chart in charts {
            #expect(ChartText.isWellFormedXML(chart.svg), "\(chart.fileName)")
            #expect(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(chart.svg.contains("<title>\(SVGDocument.escape(chart.title))</title>"))
            // Both stages labelled, the second one's boundary drawn, both warm-ups shaded.
            #expect(chart.svg.contains(">Stage 1: 10 users</text>"))
            #expect(chart.svg.contains(">Stage 2: 20 users</text>"))
            #expect(chart.svg.contains("stroke-dasharray=\"4 3\""))
            #expect(ChartText.occurrences(of: "fill=\"\(ChartStyle.warmUp)\"", in: chart.svg) == 3, "2 bands and the legend swatch")
            #expect(!chart.svg.contains("nan") && !chart.svg.contains("inf"))
        }
    }

    @Test func runChartsMatchTheirGoldenFiles() {
        for chart in RunCharts.charts(for: ReportFixtures.result()) {
            assertMatchesGolden(chart.svg, file: chart.fileName)
        }
    }

    @Test func markdownLinksEveryChartBesideTheReport() {
        let report = MarkdownReport.render(ReportFixtures.result())
        for chart in RunCharts.charts(for: ReportFixtures.result()) {
            #expect(report.contains("\n![\(chart.title)](\(chart.fileName))\n"))
        }
        // The blank line before a section separates it from the block above it.
        let text = "\n" + MarkdownWriter.render(ReportDocument(title: "", blocks: ChartsSection.blocks(
            [ChartFile(fileName: "cpu (db).svg", title: "CPU [db] | all", svg: "")])))
        #expect(text == "\n## Charts\n\n![CPU (db) \\| all](<cpu (db).svg>)\n")
        let none = MarkdownWriter.render(ReportDocument(title: "", blocks: ChartsSection.blocks([])))
        #expect(none.isEmpty)
    }

    @Test func chartsAreDeterministic() {
        #expect(RunCharts.charts(for: ReportFixtures.result()) == RunCharts.charts(for: ReportFixtures.result()))
    }

    @Test func aRunWithoutSamplesStillGetsEveryChart() {
        var result = ReportFixtures.result()
        result.series = []
        result.stages = []
        let charts = RunCharts.charts(for: result)
        #expect(charts.map(\.fileName) == RunCharts.fileNames)
        for chart in charts {
            #expect(ChartText.isWellFormedXML(chart.svg))
            #expect(chart.svg.contains(">No samples</text>"))
        }
    }

    @Test func aMissingValueBreaksTheLine() {
        let points = [1.0, nil, 3.0, 4.0, nil, nil, 7.0].enumerated().map { LineChart.Point(x: Double($0), y: $1) }
        let chart = LineChart(
            title: "gaps", xAxisTitle: "x", xDomain: 0...7, yAxisTitle: "y", yUnit: .rate,
            series: [LineChart.Series(name: "s", style: ChartStyle.series(at: 0), points: points)])
        let svg = chart.render()
        #expect(ChartText.occurrences(of: "<polyline", in: svg) == 1, "only 3...4 is a line")
        // Every point gets a marker in a short series (4 points, plus the legend's).
        #expect(ChartText.occurrences(of: "<circle", in: svg) == 5)
    }

    @Test func longSeriesGetAboutADozenMarkers() {
        let points = (0..<720).map { LineChart.Point(x: Double($0) + 0.5, y: Double($0 % 50)) }
        let chart = LineChart(
            title: "long", xAxisTitle: "Time", xDomain: 0...720, yAxisTitle: "y", yUnit: .rate,
            series: [LineChart.Series(name: "s", style: ChartStyle.series(at: 0), points: points)])
        let markers = ChartText.occurrences(of: "<circle", in: chart.render()) - 1
        #expect((10...14).contains(markers))
    }

    @Test func stageLabelsShareOneFormThatFits() {
        var chart = LineChart(
            title: "t", xAxisTitle: "x", xDomain: 0...100, yAxisTitle: "y", yUnit: .rate, series: [])
        chart.sections = (0..<10).map { LineChart.Section(start: Double($0 * 10), labels: ["Stage \($0 + 1): 100 users", "S\($0 + 1)"]) }
        let svg = chart.render()
        #expect(!svg.contains("Stage 1: 100 users"))
        #expect(svg.contains(">S1</text>") && svg.contains(">S10</text>"))
    }

    @Test func seriesStylesDifferInEveryChannel() {
        let styles = ChartStyle.series
        #expect(Set(styles.map(\.color)).count == styles.count)
        #expect(Set(styles.map { $0.dash ?? "solid" }).count == styles.count)
        #expect(Set(styles.map { "\($0.marker)" }).count == styles.count)
        #expect(ChartStyle.baseline != ChartStyle.candidate)
    }
}

/// Checks on SVG and HTML text shared by the chart and HTML report tests.
enum ChartText {
    /// True when `text` parses as XML.
    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// Long series are thinned to a few points per pixel column, keeping their extremes.
@Suite struct ChartThinningTests {
    @Test func aDayOfSecondsStaysSmall() {
        let points = (0..<86_400).map { LineChart.Point(x: Double($0) + 0.5, y: $0 == 40_000 ? 500 : Double($0 % 7)) }
        let chart = LineChart(
            title: "day", xAxisTitle: "Time", xDomain: 0...86_400, yAxisTitle: "y", yUnit: .rate,
            series: [LineChart.Series(name: "s", style: ChartStyle.series(at: 0), points: points)])
        let svg = chart.render()
        #expect(svg.utf8.count < 80_000)
        #expect(ChartText.isWellFormedXML(svg))
        // The one spike still reaches the top of the axis (500 is its last tick).
        #expect(svg.contains(">500</text>"))
    }

    @Test func keepsFirstLowestHighestAndLastOfAColumn() {
        let points = (0..<2_000).map { (index: Int) -> (x: Double, y: Double) in
            let value = (index * 37 + 50) % 101
            return (x: Double(index) / 1000, y: Double(value))
        }
        let thinned = LineChart.thinned(points)
        #expect(thinned.count == 8)
        #expect(thinned.first! == points.first! && thinned.last! == points.last!)
        let values = thinned.map { $0.y }
        #expect(values.min() == 0 && values.max() == 100)
    }
}
