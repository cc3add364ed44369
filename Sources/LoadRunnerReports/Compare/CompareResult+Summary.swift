import LoadRunnerAnalysis

extension CompareResult {
    /// How many regressions `markdownSummary()` lists before pointing to `compare.md`.
    package static let summaryRowLimit = 10

    /// The short summary printed after a comparison and appended to `$GITHUB_STEP_SUMMARY`: a heading with the
    /// outcome, the two runs, the verdict line, the regressions (at most `summaryRowLimit`, then a count of the
    /// rest), the metrics too short to judge (when any), then warnings and mismatches as a list.
    package func summaryDocument() -> ReportDocument {
        var blocks: [Block] = [
            .heading(3, CompareMessages.summaryHeading(failed: failed)), .paragraph(CompareMessages.summaryRuns(self)),
            .paragraph(CompareMessages.verdictLine(self)),
        ]
        let regressions = regressions
        if !regressions.isEmpty {
            blocks.append(.table(CompareChangesSection.table(Array(regressions.prefix(Self.summaryRowLimit)))))
            if regressions.count > Self.summaryRowLimit {
                blocks.append(.paragraph(CompareMessages.moreRegressions(regressions.count - Self.summaryRowLimit)))
            }
        }
        let tooShort = metrics.filter { $0.verdict == .tooShort }
        if let shortest = tooShort.map({ min($0.baselineSeconds, $0.candidateSeconds) }).min() {
            blocks.append(.paragraph([.text(CompareMessages.tooShortLine(
                metrics: tooShort.count, shortestSeconds: shortest, minimumSeconds: method.minimumSeconds))]))
        }
        if !mismatches.isEmpty || !caveats.isEmpty {
            blocks.append(.list((caveats.map(\.message) + mismatches.map(\.message)).map { [.text($0)] }))
        }
        return ReportDocument(title: CompareMessages.summaryHeading(failed: failed), blocks: blocks)
    }

    /// `summaryDocument()` as Markdown; ends with a newline.
    package func markdownSummary() -> String {
        MarkdownWriter.render(summaryDocument())
    }
}
