import LoadRunnerModel

/// Stages that end by count (`requests:`): a line per such stage under the stages table, in bold when it did
/// not reach its count; nothing when no stage ends by count.
enum CountedStagesSection {
    static func blocks(_ result: RunResult) -> [Block] {
        let lines = lines(result)
        return lines.isEmpty ? [] : [.list(lines)]
    }

    /// One line per stage that ends by count.
    static func lines(_ result: RunResult) -> [[Inline]] {
        result.countedStages.map { stage in
            let counts = "Stage \(stage.number): requests: \(stage.requestsSent.map(String.init) ?? "-")/"
                + "\(stage.requestLimit.map(String.init) ?? "-")"
            guard stage.reachedRequestLimit == false else { return [.text(counts + " (ended by count).")] }
            let reason = result.runStoppedFirst(stage) ? "the run was stopped first" : "its time limit came first"
            return [.strong("\(counts): \(reason).")]
        }
    }
}
