import LoadRunnerModel
import LoadRunnerText

/// The **Flows**: one row per stage and flow (`flows:`): iterations completed and skipped (a failed capture ended
/// them early), completed iterations per second of window, and the iteration time's percentiles in milliseconds,
/// think steps included. Under the stages table (on the console too, with lower-case titles); nothing for a profile
/// with a request mix.
enum FlowsSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let stages = result.stages.filter { $0.flows != nil }
        guard !stages.isEmpty else { return [] }
        return [
            .heading(2, "Flows"),
            .paragraph("Iterations that started in each stage's window (warm-up excluded). Completed: every step ran; "
                + "skipped: a step's capture failed and the rest of the iteration was not sent; an iteration the "
                + "stage's end cut off is in neither. Iteration time runs from its first step's start to its last "
                + "step's end, think steps included, in milliseconds. Requests stay in the Requests table, by name."),
            .table(table(stages, titles: reportTitles)),
        ]
    }

    /// The table alone, with the console's lower-case titles.
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        let stages = result.stages.filter { $0.flows != nil }
        return stages.isEmpty ? [] : [.table(table(stages, titles: consoleTitles))]
    }

    static let reportTitles = ["Stage", "Flow", "Completed", "Skipped", "Iterations/s", "p50", "p95", "p99", "Max"]

    static let consoleTitles = [
        "flow stage", "flow", "completed", "skipped", "iterations/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
    ]

    /// One row per stage and flow under `titles`, in profile order; `-` for percentiles without a completed iteration.
    static func table(_ stages: [StageResult], titles: [String]) -> ReportTable {
        var table = ReportTable(columns: titles.enumerated().map { .init($0.element, $0.offset == 1 ? .left : .right) })
        for stage in stages {
            for flow in stage.flows ?? [] {
                let time = flow.iterationTime
                let millis = { (micros: UInt64) in time.count == 0 ? "-" : ReportNumber.millis(micros: micros) }
                let perSecond = stage.windowSeconds > 0 ? Double(flow.iterationsCompleted) / stage.windowSeconds : 0
                table.append([
                    String(stage.number), flow.name, String(flow.iterationsCompleted), String(flow.iterationsSkipped),
                    ReportNumber.fixed(perSecond, decimals: 2), millis(time.micros(atPercentile: 50)),
                    millis(time.micros(atPercentile: 95)), millis(time.micros(atPercentile: 99)), millis(time.maxMicros),
                ])
            }
        }
        return table
    }
}
