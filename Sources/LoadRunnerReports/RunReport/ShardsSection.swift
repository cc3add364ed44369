import LoadRunnerModel
import LoadRunnerText

/// The **Shards** of a merged result (`merge`): one row per shard and stage with its host, how much later than the
/// earliest shard its time zero was and how late it began after the common start (the clock and start spread), and its
/// generator's requests, CPU, timer lag and verdict; nothing for a run in one process.
enum ShardsSection {
    static func blocks(_ result: RunResult) -> [Block] {
        guard let shards = result.shards, !shards.isEmpty else { return [] }
        let earliest = shards.map(\.startUnixMicros).min() ?? 0
        var table = ReportTable(columns: [
            .init("Shard", .right), .init("Host", .left), .init("Start after first (ms)", .right),
            .init("Late start (ms)", .right), .init("Stage", .right), .init("Requests", .right), .init("CPU %", .right),
            .init("Lag p99 (ms)", .right), .init("Saturated", .left),
        ])
        for shard in shards {
            for stage in shard.stages {
                table.append([
                    String(shard.index), shard.hostName, ReportNumber.fixed(Double(shard.startUnixMicros - earliest) / 1000, decimals: 1),
                    shard.lateStartMicros.map { ReportNumber.fixed(Double($0) / 1000, decimals: 1) } ?? "-",
                    String(stage.stage), String(stage.requests), ReportNumber.fixed(stage.cpuPercent, decimals: 1),
                    ReportNumber.millis(micros: stage.schedulingLagP99Micros), stage.saturated ? "yes" : "no",
                ])
            }
        }
        return [
            .heading(2, "Shards"),
            .paragraph("This result merges \(shards.count) shards: their histograms and counts were added, each second on "
                + "the common time axis. A stage is saturated when any shard's generator was. Start after first: how much "
                + "later than the earliest shard this shard's time zero was; late start: how late its load began after "
                + "the common start (--start-at), by its own clock. Monitors, actions and checks are shard 0's."),
            .table(table),
        ]
    }
}
