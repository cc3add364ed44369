import LoadRunnerAnalysis

/// The comparison's title and the two runs it compares, one list item each.
enum CompareRunsSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        [
            .heading(1, CompareMessages.title(result)),
            .list([
                CompareMessages.runLine(.baseline, result.baseline), CompareMessages.runLine(.candidate, result.candidate),
            ]),
        ]
    }
}
