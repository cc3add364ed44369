import LoadRunnerModel
import LoadRunnerText

/// The **Requests** table: one row per stage and request name over the stage's window, with the request
/// figures (`RequestMetricColumn`), the mean time to first byte and the new connections; a run with open stages
/// gets a **Missed** column after Requests, as the stages table does.
enum RequestsSection {
    static func blocks(_ result: RunResult) -> [Block] {
        [.heading(2, "Requests"), .table(table(result))]
    }

    static func table(_ result: RunResult) -> ReportTable {
        let open = StagesSection.hasOpenStages(result)
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Name"), .init("Method"), .init("Requests", .right),
        ] + (open ? [.init("Missed", .right)] : [])
            + RequestMetricColumn.standard.map(\.column) + [.init("First byte", .right), .init("New conns", .right)])
        for stage in result.stages {
            for stats in stage.requests {
                table.append(
                    [String(stage.number), stats.name, stats.method, String(stats.requestsMade)]
                        + (open ? [String(stats.missed)] : [])
                        + RequestMetricColumn.cells(stats, windowSeconds: stage.windowSeconds)
                        + [
                            stats.requests == 0 ? "-" : ReportNumber.millis(micros: stats.meanFirstByteMicros),
                            String(stats.newConnections),
                        ])
            }
        }
        return table
    }
}
