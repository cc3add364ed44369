import LoadRunnerAnalysis

/// The one-line outcome of a comparison: `**FAILED**: ...` or `**PASSED**: ...`.
enum CompareVerdictSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        [.paragraph(CompareMessages.verdictLine(result))]
    }
}
