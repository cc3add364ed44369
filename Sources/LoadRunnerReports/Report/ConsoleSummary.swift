import LoadRunnerModel
import LoadRunnerText

/// The summary printed on stdout after a run, written by `ConsoleWriter`: plain text, aligned columns, no ANSI.
///
/// The per-stage table: stage, users (an open stage's target rate), requests, rps, p50/p95/p99/max in ms (3
/// decimals), errors (count and share), body bytes received per second (`1.2 MB/s`), and flags (`SATURATED`,
/// `ERRORS>1%`, `NO-WINDOW`, `INTERRUPTED`); a `total` row (all windows merged) when there is more than one stage.
/// Then the open stages' table when the run has any (`OpenStagesSection`), one `warning:` line per `ReportWarning`
/// (`WarningsSection`), the shard's line (`ShardSection`), the thresholds' lines, and the checks' and failed required actions' lines.
package enum ConsoleSummary {
    /// The summary's sections in order.
    static var sections: [RunReport.Section] {
        [
            tableBlocks, OpenStagesSection.consoleBlocks, FlowsSection.consoleBlocks, VisibilitySection.consoleBlocks,
            WarningsSection.blocks, ShardSection.consoleBlocks, ThresholdsSection.consoleBlocks,
            ChecksSection.consoleBlocks,
        ]
    }

    /// The summary as a document.
    package static func document(_ result: RunResult) -> ReportDocument {
        ReportDocument(title: SummarySection.title(result), blocks: sections.flatMap { $0(result) })
    }

    /// Writes the table and the lines under it.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        ConsoleWriter.write(document(result), to: &output)
    }

    /// The summary as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The flags of one stage, in a fixed order.
    package static func flags(_ stage: StageResult, interrupted: Bool) -> [String] {
        var flags: [String] = []
        if stage.generator.saturated { flags.append("SATURATED") }
        if stage.aggregated.errorRate > ReportWarning.errorRateThreshold { flags.append("ERRORS>1%") }
        if stage.windowSeconds <= 0 { flags.append("NO-WINDOW") }
        if interrupted { flags.append("INTERRUPTED") }
        return flags
    }

    /// The per-stage table, with a total row when there is more than one stage. A run with open stages gets a
    /// `missed` column after `requests` (which, like `rps`, leaves missed arrivals out), and its `errors` column,
    /// which counts them, is titled `errors+missed`.
    static func tableBlocks(_ result: RunResult) -> [Block] {
        let load = StagesSection.loadTitle(result, closed: "users", mixed: "users/rate")
        let open = StagesSection.hasOpenStages(result)
        var table = ReportTable(columns: [
            .init("stage", .right), .init(load, .right), .init("requests", .right),
        ] + (open ? [.init("missed", .right)] : []) + [
            .init("rps", .right), .init("p50 ms", .right), .init("p95 ms", .right), .init("p99 ms", .right),
            .init("max ms", .right), .init(open ? "errors+missed" : "errors", .right), .init("received", .right),
            .init("flags"),
        ])
        for stage in result.stages {
            let isLast = stage.number == result.stages.last?.number
            table.append(
                [String(stage.number), StagesSection.load(stage)]
                    + cells(stage.aggregated, windowSeconds: stage.windowSeconds, open: open)
                    + [flags(stage, interrupted: result.interrupted && isLast && stage.cutShort != false).joined(separator: " ")])
        }
        if result.stages.count > 1 {
            table.append(
                ["total", "-"] + cells(result.mergedAggregated, windowSeconds: result.measuredSeconds, open: open) + [""])
        }
        return [.table(table)]
    }

    private static func cells(_ stats: RequestStats, windowSeconds: Double, open: Bool) -> [String] {
        let latency = stats.latency
        let millis = { (micros: UInt64) in stats.requests == 0 ? "-" : ReportNumber.millis(micros: micros) }
        return [String(stats.requestsMade)] + (open ? [String(stats.missed)] : []) + [
            ReportNumber.fixed(stats.throughput(overSeconds: windowSeconds), decimals: 2),
            millis(latency.micros(atPercentile: 50)),
            millis(latency.micros(atPercentile: 95)),
            millis(latency.micros(atPercentile: 99)),
            millis(latency.maxMicros),
            "\(stats.failures) (\(ReportNumber.percent(stats.errorRate))%)",
            ReportNumber.bytes(MetricValues.requestValue(.receivedBytesPerSecond, stats: stats, windowSeconds: windowSeconds) ?? 0)
                + "/s",
        ]
    }
}
