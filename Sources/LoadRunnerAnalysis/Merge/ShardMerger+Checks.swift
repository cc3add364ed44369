import Foundation
import LoadRunnerModel
import LoadRunnerText

extension ShardMerger {
    /// Every reason `parts` are not one complete, clean set of shards; empty when they can be merged.
    package static func problems(_ parts: [ShardPart]) -> [ShardMergeProblem] {
        guard !parts.isEmpty else { return [.noParts] }
        var problems: [ShardMergeProblem] = []
        for part in parts {
            if part.result.shard == nil { problems.append(.notAShard(source: part.source)) }
            if part.result.measurementsLost == true {
                problems.append(.measurementsLost(source: part.source))
            } else {
                if part.result.interrupted { problems.append(.interrupted(source: part.source)) }
                if part.result.startUnixMicros == nil { problems.append(.noStartTime(source: part.source)) }
                if let late = part.result.shard?.lateStartMicros, late > CommonStart.lateBoundMicros {
                    problems.append(.startedLate(source: part.source, lateMicros: late))
                }
            }
        }
        let shards = parts.compactMap { part in part.result.shard.map { (source: part.source, shard: $0, result: part.result) } }
        guard !shards.isEmpty else { return problems }
        let fields: [(String, (ShardInfo, RunResult) -> String)] = [
            ("profile hash", { shard, _ in shard.profileHash }),
            ("seed", { _, result in result.seed.map(String.init) ?? "none" }),
            ("shard count", { shard, _ in String(shard.count) }),
            ("common start (--start-at)", { shard, _ in
                shard.startAtUnixMicros.map { UTCTimestamp.micros(Date(timeIntervalSince1970: Double($0) / 1_000_000)) } ?? "none" }),
        ]
        for (field, value) in fields {
            var values: [(value: String, sources: [String])] = []
            for shard in shards {
                let text = value(shard.shard, shard.result)
                if let index = values.firstIndex(where: { $0.value == text }) {
                    values[index].sources.append(shard.source)
                } else {
                    values.append((text, [shard.source]))
                }
            }
            if values.count > 1 { problems.append(.mismatch(field: field, values: values)) }
        }
        let counts = Set(shards.map(\.shard.count))
        guard counts.count == 1, let count = counts.first else { return problems }
        var sourcesByIndex: [Int: [String]] = [:]
        for shard in shards {
            guard (0..<count).contains(shard.shard.index) else {
                problems.append(.indexOutOfRange(source: shard.source, index: shard.shard.index, count: count))
                continue
            }
            sourcesByIndex[shard.shard.index, default: []].append(shard.source)
        }
        for (index, sources) in sourcesByIndex.sorted(by: { $0.key < $1.key }) where sources.count > 1 {
            problems.append(.duplicateIndex(index, sources: sources))
        }
        let missing = (0..<count).filter { sourcesByIndex[$0] == nil }
        if !missing.isEmpty { problems.append(.missingIndices(missing, count: count)) }
        return problems
    }
}
