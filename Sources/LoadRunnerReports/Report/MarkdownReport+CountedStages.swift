import LoadRunnerModel

/// Stages that end by count (`requests:`) in `report.md` (and `report.html`): a line per such stage under
/// the stages table.
extension MarkdownReport {
    /// One line per stage that ends by count, in bold when it did not reach its count. Empty when no stage
    /// ends by count.
    static func countedStageLines(_ result: RunResult) -> [String] {
        result.countedStages.map { stage in
            let counts = "Stage \(stage.number): requests: \(stage.requestsSent.map(String.init) ?? "-")/"
                + "\(stage.requestLimit.map(String.init) ?? "-")"
            guard stage.reachedRequestLimit == false else { return counts + " (ended by count)." }
            let reason = result.runStoppedFirst(stage) ? "the run was stopped first" : "its time limit came first"
            return "**\(counts): \(reason).**"
        }
    }

    /// The lines as a list; writes nothing when no stage ends by count.
    static func writeCountedStages(_ result: RunResult, to output: inout some TextOutputStream) {
        let lines = countedStageLines(result)
        guard !lines.isEmpty else { return }
        output.write("\n")
        for line in lines { output.write("- \(line)\n") }
    }
}
