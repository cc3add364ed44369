import LoadRunnerModel
import LoadRunnerText

/// The **Visibility** table: one row per stage, `await:` read and answering node (`by:`), plus an `all` row when a
/// read was answered by several nodes: probes, stale first reads (count and share), probes not visible within
/// `within`, polls per probe, and the time to visibility's percentiles in milliseconds. Under the flows table (on
/// the console too, with lower-case titles); nothing for a profile without await steps.
enum VisibilitySection {
    static func blocks(_ result: RunResult) -> [Block] {
        let stages = result.stages.filter { $0.visibility != nil }
        guard !stages.isEmpty else { return [] }
        return [
            .heading(2, "Visibility"),
            .paragraph("Probes of `await:` steps whose write (the previous step's response) ended in each stage's window. "
                + "A probe polls its read until `until` holds; it belongs to the node that answered its first poll. "
                + "Stale first: probes whose first read did not see the write yet. Not visible: probes that did not see it "
                + "within `within` (their last poll failed with `not_visible`). Time to visibility runs from the end of "
                + "the write's response to the end of the first poll that saw it, in milliseconds."),
            .table(table(stages, titles: reportTitles)),
        ]
    }

    /// The table alone, with the console's lower-case titles.
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        let stages = result.stages.filter { $0.visibility != nil }
        return stages.isEmpty ? [] : [.table(table(stages, titles: consoleTitles))]
    }

    static let reportTitles = [
        "Stage", "Read", "Node", "Probes", "Stale first", "Stale %", "Not visible", "Polls/probe", "p50", "p95", "p99", "Max",
    ]

    static let consoleTitles = [
        "await stage", "read", "node", "probes", "stale first", "stale %", "not visible", "polls/probe", "p50 ms", "p95 ms",
        "p99 ms", "max ms",
    ]

    /// The rows of one stage: each read's nodes in order, then the read's `all` row when it has more than one node.
    static func rows(_ stage: StageResult) -> [(label: String, stats: VisibilityStats)] {
        var rows: [(String, VisibilityStats)] = []
        let rowsOfStage = stage.visibility ?? []
        var names: [String] = []
        for row in rowsOfStage where !names.contains(row.name) { names.append(row.name) }
        for name in names {
            let ofRead = rowsOfStage.filter { $0.name == name }
            rows += ofRead.map { ($0.node ?? "-", $0) }
            if ofRead.count > 1 {
                var all = VisibilityStats(name: name, node: nil)
                ofRead.forEach { all.add($0) }
                rows.append(("all", all))
            }
        }
        return rows
    }

    /// One row per stage, read and node under `titles`; `-` for percentiles without a visible probe.
    static func table(_ stages: [StageResult], titles: [String]) -> ReportTable {
        var table = ReportTable(columns: titles.enumerated().map { .init($0.element, $0.offset == 1 || $0.offset == 2 ? .left : .right) })
        for stage in stages {
            for (label, stats) in rows(stage) {
                let time = stats.timeToVisibility
                let millis = { (micros: UInt64) in time.count == 0 ? "-" : ReportNumber.millis(micros: micros) }
                let stale = stats.probes - stats.firstPollVisible
                table.append([
                    String(stage.number), stats.name, label, String(stats.probes), String(stale),
                    ReportNumber.fixed(numerator: stale * 100, denominator: stats.probes, decimals: 1), String(stats.notVisible),
                    ReportNumber.fixed(numerator: stats.polls, denominator: stats.probes, decimals: 2), millis(time.micros(atPercentile: 50)),
                    millis(time.micros(atPercentile: 95)), millis(time.micros(atPercentile: 99)), millis(time.maxMicros),
                ])
            }
        }
        return table
    }
}
