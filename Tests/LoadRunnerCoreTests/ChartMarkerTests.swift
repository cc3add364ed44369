import Foundation
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// Action markers on the time-series charts, and the command monitors' charts per unit.
@Suite struct ChartMarkerTests {
    let result = CommandReportFixtures.result()

    @Test func everyTimeChartMarksTheActionsThatRan() {
        for chart in RunCharts.charts(for: result) {
            #expect(ChartText.isWellFormedXML(chart.svg), "\(chart.fileName)")
            // Four actions ran (one never did): four lines and flags, plus the legend's.
            #expect(ChartText.occurrences(of: "stroke-dasharray=\"\(ChartStyle.action.dash)\"", in: chart.svg) == 5, "\(chart.fileName)")
            #expect(chart.svg.contains(">stop replica2</text>"))
            #expect(!chart.svg.contains("restore network"))
            #expect(chart.svg.contains(">Action started</text>"))
            // The monitors sampled past the load: the axis goes on to 8 s, the part after the load labelled.
            #expect(chart.svg.contains(">After the load</text>"))
        }
    }

    @Test func anAtEndActionStandsAtTheRightEdge() throws {
        var onlyEnd = ReportFixtures.result()
        onlyEnd.actions = [CommandReportFixtures.actions[3]]
        let svg = try #require(RunCharts.charts(for: onlyEnd).first).svg
        #expect(RunCharts.endSeconds(of: onlyEnd) == 6)
        #expect(!svg.contains("After the load"))
        // Plot's right edge: the chart's width less 24 px.
        let actionLines = svg.split(separator: "\n").filter { $0.contains("<line") && $0.contains(ChartStyle.action.color) }
        #expect(actionLines.count == 2, "the marker and the legend's")
        #expect(actionLines.contains { $0.contains("x1=\"836\"") })
        #expect(svg.contains(">start replica2</text>"))
    }

    @Test func closeMarkersShareOneLabel() {
        var chart = LineChart(title: "t", xAxisTitle: "x", xDomain: 0...100, yAxisTitle: "y", yUnit: .rate, series: [])
        chart.markers = [.init(x: 10, label: "a"), .init(x: 10.5, label: "b"), .init(x: 60, label: "c"), .init(x: 120, label: "outside")]
        let svg = chart.render()
        #expect(svg.contains(">a, b</text>") && svg.contains(">c</text>"))
        #expect(!svg.contains("outside"))
        #expect(ChartText.occurrences(of: "<path d=", in: svg) == 4, "three flags and the legend's")
    }

    @Test func longLabelsAreCutToThePlot() {
        #expect(LineChart.fitted("short", width: 100, size: 10) == "short")
        let cut = LineChart.fitted(String(repeating: "x", count: 50), width: 100, size: 10)
        #expect(cut.hasSuffix("…") && ChartStyle.textWidth(cut, size: 10) <= 100)
        #expect(LineChart.fitted("abc", width: 3, size: 10) == "")
    }

    @Test func commandMonitorChartsAreOnePerUnit() throws {
        func monitor(_ name: String, _ unit: String) -> CommandMonitorSeries {
            CommandMonitorSeries(name: name, command: "x", unit: unit, intervalSeconds: 1, samples: [], stages: [])
        }
        var units = ReportFixtures.result()
        units.commandMonitors = [
            monitor("a", "bytes"), monitor("b", "%"), monitor("c", ""), monitor("d", "rows/s"), monitor("e", "bytes"),
            monitor("f", "Rows/S"),
        ]
        let groups = RunCharts.commandMonitorGroups(for: units)
        #expect(groups.map(\.fileName) == [
            "chart-command-bytes.svg", "chart-command-percent.svg", "chart-command-values.svg",
            "chart-command-rows-s.svg", "chart-command-rows-s-2.svg",
        ])
        #expect(groups[0].monitors.map(\.name) == ["a", "e"])
        let charts = RunCharts.charts(for: units)
        let empty = try #require(charts.first { $0.fileName == "chart-command-values.svg" })
        #expect(empty.svg.contains(">No values</text>"))
        #expect(RunCharts.axis(forUnit: "rows").1 == "Value (rows)")
        #expect(RunCharts.axis(forUnit: "bytes").0 == .bytes)
    }

    @Test func aSampleWithoutValueBreaksTheMonitorLine() throws {
        let chart = try #require(RunCharts.charts(for: result).first { $0.fileName == "chart-command-bytes.svg" })
        #expect(chart.svg.contains(">replica1 lag</text>") && chart.svg.contains(">replica2 lag</text>"))
        // replica1: one line over 8 samples; replica2: one line over its first 3, then no value.
        #expect(ChartText.occurrences(of: "<polyline", in: chart.svg) == 2)
    }
}
