import Foundation
import LoadRunnerModel
import LoadRunnerText

/// The **Shard** of a sharded run (`RunResult.shard`): which part of the run this is, its common start and how late
/// it began (a warning when past `CommonStart.lateBoundMicros`), and that thresholds and checks are judged by
/// `merge` on the whole, not here. Nothing for a run in one process.
enum ShardSection {
    static func blocks(_ result: RunResult) -> [Block] {
        guard let shard = result.shard else { return [] }
        var blocks: [Block] = [.heading(2, "Shard"), .paragraph(line(shard, seed: result.seed))]
        if let late = lateWarning(shard) { blocks.append(.callout(Callout(.warning, title: "Late start", items: [[.strong(late)]]))) }
        return blocks
    }

    /// One line on the console, and a `warning:` line for a late start.
    static func consoleBlocks(_ result: RunResult) -> [Block] {
        guard let shard = result.shard else { return [] }
        return [.paragraph(line(shard, seed: result.seed))] + (lateWarning(shard).map { [.paragraph("warning: " + $0)] } ?? [])
    }

    private static func line(_ shard: ShardInfo, seed: UInt64?) -> String {
        var text = "Shard \(shard.index) of \(shard.count) (from 0), profile \(shard.profileHash)"
        if let seed { text += ", seed \(seed)" }
        if let start = shard.startAtUnixMicros {
            text += "; common start \(UTCTimestamp.micros(Date(timeIntervalSince1970: Double(start) / 1_000_000)))"
            if let late = shard.lateStartMicros { text += ", began \(milliseconds(late)) ms late" }
        }
        return text + ". Thresholds and checks are judged by `LoadRunner merge` on all the shards together, not here."
    }

    private static func lateWarning(_ shard: ShardInfo) -> String? {
        guard let late = shard.lateStartMicros, late > CommonStart.lateBoundMicros else { return nil }
        return "this shard began \(milliseconds(late)) ms after the common start (more than "
            + "\(milliseconds(CommonStart.lateBoundMicros)) ms): its seconds do not align with the other shards'"
    }

    private static func milliseconds(_ micros: Int64) -> String { ReportNumber.fixed(Double(micros) / 1_000, decimals: 1) }
}
