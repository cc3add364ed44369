import LoadRunnerText

/// The charts of a comparison: one grouped bar chart per metric, baseline (light) beside candidate (dark)
/// for each stage, stages labelled by their users with the candidate's change under them.
package enum CompareCharts {
    /// The files `charts(stages:...)` makes before any extra series, in its order.
    package static let fileNames = ["compare-p50.svg", "compare-p95.svg", "compare-rps.svg"]

    /// p50, p95 and requests/s per stage, then one chart per `extra` series (CPU, memory...).
    package static func charts(
        stages: [StagePoint], baselineLabel: String, candidateLabel: String, extra: [ComparedSeries] = []
    ) -> [ChartFile] {
        charts(series: series(stages: stages) + extra, baselineLabel: baselineLabel, candidateLabel: candidateLabel)
    }

    /// One chart per series, in order.
    package static func charts(series: [ComparedSeries], baselineLabel: String, candidateLabel: String) -> [ChartFile] {
        series.map { chart($0, baselineLabel: baselineLabel, candidateLabel: candidateLabel) }
    }

    /// The p50, p95 (milliseconds) and requests/s series of `stages`, ids `p50`, `p95`, `rps`.
    package static func series(stages: [StagePoint]) -> [ComparedSeries] {
        func points(_ value: (StageFigures) -> Double?) -> [ComparedPoint] {
            stages.map { point in
                ComparedPoint(
                    stage: point.stage, users: point.users, baseline: point.baseline.flatMap(value),
                    candidate: point.candidate.flatMap(value))
            }
        }
        return [
            ComparedSeries(
                id: "p50", title: "p50 latency per stage", axisTitle: "p50 latency", unit: .milliseconds,
                points: points { $0.p50Micros.map { $0 / 1000 } }),
            ComparedSeries(
                id: "p95", title: "p95 latency per stage", axisTitle: "p95 latency", unit: .milliseconds,
                points: points { $0.p95Micros.map { $0 / 1000 } }),
            ComparedSeries(
                id: "rps", title: "Requests per second per stage", axisTitle: "Requests per second", unit: .rate,
                points: points { $0.requestsPerSecond }),
        ]
    }

    /// The chart of one series.
    package static func chart(_ series: ComparedSeries, baselineLabel: String, candidateLabel: String) -> ChartFile {
        let categories = series.points.map { point in
            GroupedBarChart.Category(
                label: point.users == 1 ? "1 user" : "\(point.users) users",
                details: ["stage \(point.stage)", point.change.map(changeLabel) ?? ""])
        }
        let chart = GroupedBarChart(
            title: series.title, categories: categories,
            categoryAxisTitle: "Users per stage (with the stage and the candidate's change from the baseline)",
            valueAxisTitle: series.axisTitle, valueUnit: series.unit,
            series: [
                GroupedBarChart.Series(
                    name: "Baseline: \(baselineLabel)", style: ChartStyle.baseline, values: series.points.map(\.baseline)),
                GroupedBarChart.Series(
                    name: "Candidate: \(candidateLabel)", style: ChartStyle.candidate,
                    values: series.points.map(\.candidate)),
            ])
        return ChartFile(fileName: series.fileName, title: series.title, svg: chart.render())
    }

    /// A 0...1 share as a percentage with one decimal: `12.5%`.
    static func percentLabel(_ share: Double) -> String { ReportNumber.fixed(share * 100, decimals: 1) + "%" }

    /// `+12.0%`, `-3.5%`, `0.0%`: the sign always shown.
    static func changeLabel(_ share: Double) -> String {
        let text = ReportNumber.fixed(share * 100, decimals: 1)
        return (text.hasPrefix("-") || text == "0.0" ? "" : "+") + text + "%"
    }
}
