import LoadRunnerAnalysis

/// The **Mismatches**: stages and request names not in both runs, or run differently; a sentence when none.
enum CompareMismatchesSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        [.heading(2, CompareMessages.mismatchesHeading)]
            + (result.mismatches.isEmpty
                ? [.paragraph(CompareMessages.noMismatches)] : [.list(result.mismatches.map { [.text($0.message)] })])
    }
}
