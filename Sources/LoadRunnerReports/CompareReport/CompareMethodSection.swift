import LoadRunnerAnalysis

/// The **Method** in one paragraph, with the levels, resample count and seed actually used.
enum CompareMethodSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        [.heading(2, CompareMessages.methodHeading), .paragraph(CompareMessages.methodParagraph(result.method))]
    }
}
