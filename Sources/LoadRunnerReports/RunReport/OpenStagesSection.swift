import LoadRunnerModel
import LoadRunnerText

/// The **Open stages**: one row per open stage (`OpenStageFigures`): target rate, arrivals due, sent and completed,
/// the achieved rate and the sent share, missed arrivals, lag p99 and max, latency p95 beside service p95, the peak
/// in flight and the connections opened against `max_connections`. In the report under the stages table; on the
/// console, the same table under the stages. Nothing for a run without open stages.
enum OpenStagesSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let figures = OpenStageFigures.all(in: result)
        guard !figures.isEmpty else { return [] }
        return [
            .heading(2, "Open stages"),
            .paragraph("Arrivals due in each stage's window (warm-up excluded). Achieved RPS: completed arrivals per "
                + "second of window; Sent %: the share of the arrivals due that went out. Latency runs from each "
                + "arrival's intended time, service is libcurl's own time, lag is how late it was sent; times in "
                + "milliseconds. A stage that missed arrivals, whose lag p99 passed "
                + "\(ReportNumber.millis(micros: RequestStats.lateStartMicros, decimals: 0)) ms, or that completed "
                + "under \(ReportNumber.trimmed(OpenStageFigures.achievedShareLimit * 100))% of its arrivals fell "
                + "behind: a warning says why."),
            .table(table(figures, titles: reportTitles)),
        ]
    }

    /// The table alone, with the console's lower-case titles.
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        let figures = OpenStageFigures.all(in: result)
        return figures.isEmpty ? [] : [.table(table(figures, titles: consoleTitles))]
    }

    static let reportTitles = [
        "Stage", "Target", "Due", "Sent", "Completed", "Achieved RPS", "Sent %", "Missed", "Lag p99", "Lag max",
        "Latency p95", "Service p95", "Peak in flight", "Connections",
    ]

    static let consoleTitles = [
        "open stage", "target", "due", "sent", "completed", "achieved rps", "sent %", "missed", "lag p99 ms",
        "lag max ms", "latency p95 ms", "service p95 ms", "peak in flight", "connections",
    ]

    /// One row per stage under `titles` (every column right-aligned): numbers as the stages table writes them,
    /// `-` for a percentile without samples, and connections as `opened / max_connections`, `(at cap)` when an
    /// arrival found every connection busy.
    static func table(_ figures: [OpenStageFigures], titles: [String]) -> ReportTable {
        var table = ReportTable(columns: titles.map { .init($0, .right) })
        let millis = { (micros: UInt64?) in micros.map { ReportNumber.millis(micros: $0) } ?? "-" }
        for stage in figures {
            let open = stage.open
            table.append([
                String(stage.stage), stage.targetText, String(open.due), String(open.sent), String(open.completed),
                ReportNumber.fixed(stage.achievedPerSecond, decimals: 2),
                stage.sentShare.map { ReportNumber.percent($0) } ?? "-", String(open.missed),
                millis(stage.lagP99Micros), millis(stage.lagMaxMicros), millis(stage.latencyP95Micros),
                millis(stage.serviceP95Micros), String(open.peakInFlight),
                "\(open.connectionsOpened) / \(open.maxConnections)" + (open.reachedMaxConnections ? " (at cap)" : ""),
            ])
        }
        return table
    }
}
