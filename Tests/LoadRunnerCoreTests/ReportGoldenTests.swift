import Foundation
import LoadRunnerReports
import Testing

/// Every report of the fixture run compared with its golden file in `Golden/`.
///
/// To re-record after an intended change: `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests`.
/// Recording rewrites the files in the source tree and fails each test, so a re-record always shows in review.
@Suite struct ReportGoldenTests {
    let result = ReportFixtures.result()

    @Test func stagesCSV() {
        assertMatchesGolden(StagesCSV.render(result), file: "stages.csv")
    }

    @Test func locustStatsCSV() {
        assertMatchesGolden(LocustStatsCSV.render(result), file: "locust_stats.csv")
    }

    @Test func locustFailuresCSV() {
        assertMatchesGolden(LocustFailuresCSV.render(result), file: "locust_failures.csv")
    }

    @Test func locustHistoryCSV() {
        var text = ""
        LocustHistoryCSV.write(result.series, fullHistory: false, to: &text)
        assertMatchesGolden(text, file: "locust_stats_history.csv")
    }

    @Test func locustFullHistoryCSV() {
        var text = ""
        LocustHistoryCSV.write(result.series, fullHistory: true, to: &text)
        assertMatchesGolden(text, file: "locust_stats_history-full.csv")
    }

    @Test func markdownReport() {
        assertMatchesGolden(MarkdownReport.render(result), file: "report.md")
    }

    @Test func consoleSummary() {
        assertMatchesGolden(ConsoleSummary.render(result), file: "console_summary.txt")
    }
}

/// Compares `actual` with `Golden/<file>` from the test bundle; with `LOADRUNNER_RECORD_GOLDEN=1` in the
/// environment, rewrites the file in the source tree instead and fails, so that re-recording shows in review.
func assertMatchesGolden(
    _ actual: String, file: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let sourceURL = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["LOADRUNNER_RECORD_GOLDEN"] == "1" {
        do {
            try Data(actual.utf8).write(to: sourceURL, options: .atomic)
            Issue.record("re-recorded \(sourceURL.path); unset LOADRUNNER_RECORD_GOLDEN and run again", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(sourceURL.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    let name = (file as NSString).deletingPathExtension
    let ext = (file as NSString).pathExtension
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Golden"),
        let expected = try? String(contentsOf: url, encoding: .utf8)
    else {
        Issue.record(
            "no golden file Golden/\(file); record it with LOADRUNNER_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    guard actual != expected else { return }
    Issue.record(
        "differs from Golden/\(file) at \(firstDifference(expected, actual))", sourceLocation: sourceLocation)
}

/// `line 3: expected "…" got "…"` for the first line that differs.
private func firstDifference(_ expected: String, _ actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
        let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
        if want != got { return "line \(index + 1):\n  expected: \(want)\n  actual:   \(got)" }
    }
    return "an unknown place"
}
