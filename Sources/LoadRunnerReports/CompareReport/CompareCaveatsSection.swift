import LoadRunnerAnalysis

/// The **Warnings** of a comparison (`CompareCaveat`): what makes a verdict less trustworthy; nothing when none.
enum CompareCaveatsSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        guard !result.caveats.isEmpty else { return [] }
        return [.callout(Callout(
            .warning, title: CompareMessages.warningsHeading, items: result.caveats.map { [.text($0.message)] }))]
    }
}
