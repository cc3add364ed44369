import LoadRunnerModel
import LoadRunnerText

/// The **Stages** table: one row per stage window (warm-up excluded), with the request figures
/// (`RequestMetricColumn`), the generator's CPU and whether it was saturated. An open stage shows its target rate
/// where a closed one shows users (the column is then `Users / rate`), and a run with open stages gets a **Missed**
/// column after Requests (`RequestMetricColumn.missedNote` says how the figures add up).
enum StagesSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let open = hasOpenStages(result) ? " " + RequestMetricColumn.missedNote : ""
        return [
            .heading(2, "Stages"),
            .paragraph("Measured over each stage's window (warm-up excluded); times in milliseconds." + open),
            .table(table(result)),
        ]
    }

    static func table(_ result: RunResult) -> ReportTable {
        let open = hasOpenStages(result)
        var table = ReportTable(columns: [
            .init("Stage", .right), .init(loadTitle(result, closed: "Users", mixed: "Users / rate"), .right),
            .init("Window s", .left), .init("Requests", .right),
        ] + (open ? [.init("Missed", .right)] : [])
            + RequestMetricColumn.standard.map(\.column) + [.init("Generator CPU", .right), .init("Saturated")])
        for stage in result.stages {
            let stats = stage.aggregated
            let generator = stage.generator
            let window = "\(ReportNumber.fixed(stage.windowStartSeconds, decimals: 1))-"
                + "\(ReportNumber.fixed(stage.windowEndSeconds, decimals: 1))"
            let cells = [String(stage.number), load(stage), window, String(stats.requestsMade)]
                + (open ? [String(stats.missed)] : [])
                + RequestMetricColumn.cells(stats, windowSeconds: stage.windowSeconds)
                + ["\(ReportNumber.fixed(generator.cpuPercent, decimals: 1))% of "
                    + (generator.allowedCores == 1 ? "1 core" : "\(generator.allowedCores) cores") + runQueueText(generator)]
            table.append(cells: cells.map { [.text($0)] } + [saturatedCell(generator)])
        }
        return table
    }

    /// What a stage ran: its users, or an open stage's target rate (`200/s`, `200/s → 1000/s`).
    static func load(_ stage: StageResult) -> String {
        stage.open.map(OpenStageFigures.rateText) ?? String(stage.users)
    }

    /// The title of the column `load(_:)` fills: `closed` for a run without open stages, else `mixed`.
    static func loadTitle(_ result: RunResult, closed: String, mixed: String) -> String {
        hasOpenStages(result) ? mixed : closed
    }

    /// True when at least one stage of `result` is open (`rate:`): its tables get a Missed column.
    static func hasOpenStages(_ result: RunResult) -> Bool { result.stages.contains { $0.open != nil } }

    /// `, run queue 4.2%`: how long the most-queued loop waited for a CPU in the window; empty when not measured.
    static func runQueueText(_ generator: GeneratorStats) -> String {
        guard let percent = generator.runQueueWaitPercent else { return "" }
        return ", run queue \(ReportNumber.fixed(percent, decimals: 1))%"
    }

    /// `no`, or **SATURATED** with what a curl loop did when a loop rule fired (which loop, how busy or late).
    static func saturatedCell(_ generator: GeneratorStats) -> [Inline] {
        guard generator.saturated else { return [.text("no")] }
        guard let summary = loopSaturation(generator) else { return [.strong("SATURATED")] }
        return [.strong("SATURATED"), .text(" (\(summary))")]
    }

    /// What a curl loop did when a loop rule saturated the stage (`loop 1: 99% busy in 5 of 5 s`); nil otherwise
    /// (not saturated, or by the process-wide CPU or timer rules, which the CPU column and the warnings show).
    static func loopSaturation(_ generator: GeneratorStats) -> String? {
        guard generator.saturated, let kind = generator.saturationCause?.kind, [.loopBusy, .loopLag, .loopStarved].contains(kind)
        else { return nil }
        return ReportWarning.saturationSummary(generator)
    }
}
