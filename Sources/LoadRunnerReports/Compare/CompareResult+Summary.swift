import LoadRunnerAnalysis

extension CompareResult {
    /// How many regressions `markdownSummary()` lists before pointing to `compare.md`.
    package static let summaryRowLimit = 10

    /// A short Markdown block for `$GITHUB_STEP_SUMMARY`: a heading with the outcome, the two runs, the verdict
    /// line, the regressions (at most `summaryRowLimit`, then a count of the rest), then warnings and
    /// mismatches as a list; ends with a newline.
    package func markdownSummary() -> String {
        var text = "### \(CompareMessages.summaryHeading(failed: failed))\n\n"
        text += CompareMessages.summaryRuns(self) + "\n\n"
        text += CompareMessages.verdictLine(self) + "\n"
        let regressions = regressions
        if !regressions.isEmpty {
            text += "\n"
            CompareMarkdown.changesTable(Array(regressions.prefix(Self.summaryRowLimit))).writeMarkdown(to: &text)
            if regressions.count > Self.summaryRowLimit {
                text += "\n" + CompareMessages.moreRegressions(regressions.count - Self.summaryRowLimit) + "\n"
            }
        }
        if !mismatches.isEmpty || !caveats.isEmpty {
            text += "\n"
            for line in caveats.map(\.message) + mismatches.map(\.message) { text += "- \(line)\n" }
        }
        return text
    }
}
