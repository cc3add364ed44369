import LoadRunnerModel

/// The time-to-visibility chart of a run with `await:` steps: per stage and read, the p50 and p95 of the time
/// until a write was visible, as grouped bars, with the stale first reads (% of probes) under each group.
extension RunCharts {
    package static let visibilityFileName = "chart-visibility.svg"
    static let visibilityTitle = "Time to visibility per stage and read: p50 and p95"

    /// True when a stage of `result` has probes: the run then gets `visibilityFileName`.
    static func hasVisibility(_ result: RunResult) -> Bool {
        result.stages.contains { !($0.visibility ?? []).isEmpty }
    }

    /// The chart, or none for a run without probes.
    static func visibilityCharts(for result: RunResult) -> [ChartFile] {
        guard hasVisibility(result) else { return [] }
        var categories: [GroupedBarChart.Category] = []
        var p50: [Double?] = [], p95: [Double?] = []
        for stage in result.stages {
            let rows = stage.visibility ?? []
            var reads: [String] = []
            for row in rows where !reads.contains(row.name) { reads.append(row.name) }
            for read in reads {
                var merged = VisibilityStats(name: read, node: nil)
                for row in rows where row.name == read { merged.add(row) }
                let stale = MetricValues.visibilityValue(.staleRate, merged)
                categories.append(GroupedBarChart.Category(
                    label: read, details: ["stage \(stage.number)", stale.map { "stale " + CompareCharts.percentLabel($0) } ?? ""]))
                p50.append(MetricValues.visibilityValue(.percentile(50), merged).map { $0 / 1000 })
                p95.append(MetricValues.visibilityValue(.percentile(95), merged).map { $0 / 1000 })
            }
        }
        var chart = GroupedBarChart(
            title: visibilityTitle, categories: categories,
            categoryAxisTitle: "Read per stage (with the share of probes whose first read was stale)",
            valueAxisTitle: "Time to visibility", valueUnit: .milliseconds,
            series: [
                GroupedBarChart.Series(name: "p50", style: ChartStyle.series(at: 0), values: p50),
                GroupedBarChart.Series(name: "p95", style: ChartStyle.series(at: 1), values: p95),
            ])
        chart.emptyNote = "No probes"
        return [ChartFile(fileName: visibilityFileName, title: visibilityTitle, svg: chart.render())]
    }
}
