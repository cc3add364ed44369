import Foundation
@testable import LoadRunner
@testable import LoadRunnerAnalysis
@testable import LoadRunnerModel
@testable import LoadRunnerReports
import Testing

/// compare.md and compare.csv against golden files; compare.json, JUnit and the step summary by content.
///
/// Re-record the golden files after an intended change with
/// `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter LoadRunnerCoreTests.CompareOutputTests`.
@Suite struct CompareOutputTests {
    /// Baseline: 2 stages of 22 s (20 s windows, the shortest `compare` judges). Candidate: `user/get` 25% faster in stage 1, `user/update` 40%
    /// slower in stage 2, and a third stage the baseline does not have.
    static let result: CompareResult = {
        let stages = [CompareFixtures.Stage(users: 10, seconds: 22), CompareFixtures.Stage(users: 20, seconds: 22)]
        let baseline = CompareFixtures.run(seed: 7, stages: stages)
        let candidate = CompareFixtures.run(
            seed: 8, stages: stages + [CompareFixtures.Stage(users: 40, seconds: 12)], startOffsetSeconds: 3600
        ) { stage, name in
            switch (stage, name) {
            case (1, "user/get"): return .init(latency: 0.75)
            case (2, "user/update"): return .init(latency: 1.4)
            default: return .init()
            }
        }
        return CompareFixtures.compare(baseline, candidate)
    }()

    /// A chart as `compare.md` links it (its SVG is not read there).
    static let p95Chart = ChartFile(fileName: "compare_p95.svg", title: "p95 by stage", svg: "")

    @Test func markdownMatchesGolden() {
        let markdown = CompareMarkdown.render(Self.result, charts: [Self.p95Chart])
        assertMatchesGolden(markdown, file: "compare.md")
    }

    @Test func csvMatchesGolden() {
        assertMatchesGolden(CompareCSV.render(Self.result), file: "compare.csv")
    }

    @Test func goldenFixtureShowsEveryVerdict() {
        let result = Self.result
        #expect(result.failed)
        #expect(result.regressions.contains { $0.stage == 2 && $0.name == "user/update" && $0.metric.measure == .percentile(50) })
        #expect(result.regressions.contains { $0.stage == 2 && $0.name == RequestStats.aggregatedName && $0.metric.measure == .percentile(95) })
        #expect(result.improvements.contains { $0.stage == 1 && $0.name == "user/get" && $0.metric.measure == .percentile(50) })
        #expect(result.regressions.allSatisfy { $0.stage == 2 })
        #expect(result.mismatches.map(\.kind) == [.stageOnlyInCandidate])
        let csv = CompareCSV.render(result).split(separator: "\n")
        #expect(csv[0] == "stage,users,name,metric,unit,baseline,candidate,change,change_pct,ci_low,ci_high,budget,verdict")
        #expect(csv.count == 1 + 2 * 3 * MetricID.comparedRequestMeasures.count)
    }

    @Test func markdownOrderAndCharts() {
        let markdown = CompareMarkdown.render(Self.result, charts: [Self.p95Chart])
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == ["## Regressions", "## Improvements", "## Charts", "## Stages", "## Mismatches", "## Method"])
        #expect(markdown.contains("![p95 by stage](compare_p95.svg)"))
        #expect(!CompareMarkdown.render(Self.result).contains("## Charts"))
        #expect(markdown.contains("[docs/compare.md](docs/compare.md)"))
    }

    @Test func jsonRoundTrips() throws {
        let data = try CompareJSON.encode(Self.result)
        #expect(try CompareJSON.decode(data) == Self.result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"failed\" : true"))
        #expect(text.contains("\"verdict\" : \"no_significant_change\""))
        #expect(text.contains("\"startTime\" : \"2024-05-01T12:00:00.000000Z\""))
    }

    @Test func newerJSONIsRefused() throws {
        var text = String(decoding: try CompareJSON.encode(Self.result), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2")
        #expect(throws: CompareFileError.newerSchema(source: "x/compare.json", found: 2, supported: 1)) {
            try CompareJSON.decode(Data(text.utf8), source: "x/compare.json")
        }
    }

    @Test func junitHasACasePerBudgetedMetric() {
        let report = Self.result.junit()
        let cases = report.suites.flatMap(\.cases)
        // 2 stages × (2 names + Aggregated) × 5 budgeted metrics (max has no default budget).
        #expect(cases.count == 2 * 3 * 5)
        #expect(report.failureCount == Self.result.regressions.count)
        let failure = cases.first { $0.className == "stage 2" && $0.name == "user/update p50" }?.failure
        let message = failure?.message ?? ""
        #expect(message.hasPrefix("p50 rose 43.8% (16.9 ms -> 24.3 ms, 99.83% CI +"), "\(message)")
        #expect(message.hasSuffix(", budget p50 > +10% and +1ms"))
        #expect(failure?.details.hasPrefix("stage 2, user/update (POST), p50\nbaseline 16.863 ms, candidate 24.255 ms") == true)
        #expect(report.render().contains("<testcase classname=\"stage 1\" name=\"user/get p50\""))
    }

    @Test func junitMessageReadsAsASentence() {
        let comparison = MetricComparison(
            stage: 2, name: "user/get", method: "GET", metric: MetricID(.request("user/get"), .percentile(95)), baseline: 12_100, candidate: 14_900,
            interval: ConfidenceInterval(confidence: 0.95, low: 2_200, high: 3_500, relativeLow: 0.18, relativeHigh: 0.289),
            baselineSeconds: 20, candidateSeconds: 20, lowSampleCount: false, budget: Budget.defaults[1], verdict: .worse)
        #expect(CompareMessages.junitFailure(comparison, confidence: 0.95)
            == "p95 rose 23.1% (12.1 ms -> 14.9 ms, 95% CI +18.0%..+28.9%), budget p95 > +10% and +2ms")
        let rps = MetricComparison(
            stage: 1, name: RequestStats.aggregatedName, method: "", metric: MetricID(.total, .rps), baseline: 1_000, candidate: 850,
            interval: nil, baselineSeconds: 2, candidateSeconds: 2, lowSampleCount: true, budget: Budget.defaults[3],
            verdict: .worse)
        #expect(CompareMessages.junitFailure(rps, confidence: 0.95)
            == "rps fell 15.0% (1000.00 req/s -> 850.00 req/s, no CI: 2 s of samples), budget rps < -10%")
        let errors = MetricComparison(
            stage: 1, name: "user/get", method: "GET", metric: MetricID(.request("user/get"), .errorRate), baseline: 0, candidate: 0.05,
            interval: ConfidenceInterval(confidence: 0.95, low: 0.04, high: 0.06, relativeLow: nil, relativeHigh: nil),
            baselineSeconds: 20, candidateSeconds: 20, lowSampleCount: false, budget: Budget.defaults[4], verdict: .worse)
        #expect(CompareMessages.junitFailure(errors, confidence: 0.95)
            == "error_rate rose 5.00 pp (0.00% -> 5.00%, 95% CI +4.00 pp..+6.00 pp), budget error_rate > +1%")
    }

    @Test func numbersAreSignedAndLevelsNeverReach100() {
        #expect(CompareFormat.percent(0.1234) == "+12.3%")
        #expect(CompareFormat.percent(-0.05) == "-5.0%")
        #expect(CompareFormat.percent(0) == "0.0%")
        #expect(CompareFormat.percent(nil) == "n/a")
        #expect(CompareFormat.change(2_800, MetricID(.total, .percentile(95))) == "+2.800 ms")
        #expect(CompareFormat.change(-12.5, MetricID(.total, .rps)) == "-12.50 req/s")
        #expect(CompareFormat.change(0.012, MetricID(.total, .errorRate)) == "+1.20 pp")
        #expect(CompareFormat.level(0.95) == "95%")
        #expect(CompareFormat.level(1 - 0.05 / 30) == "99.83%")
        #expect(CompareFormat.level(1 - 0.05 / 1_000) == "99.99%")
    }

    @Test func stepSummaryIsShort() {
        let summary = Self.result.markdownSummary()
        #expect(summary.hasPrefix("### LoadRunner compare: FAILED\n"))
        #expect(summary.contains("| Stage | Name"))
        #expect(summary.contains("- Stage 3 (40 users) is only in the candidate: not compared."))
        #expect(summary.split(separator: "\n").count < 30)
    }

    @Test func writesEveryFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("compare-\(UUID().uuidString)/out").path
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let chart = ChartFile(fileName: "compare-p50.svg", title: "p50 latency per stage", svg: "<svg>p50</svg>")
        try CompareOutputs.write(Self.result, to: directory, charts: [chart])
        let names = try CompareOutputs.files(of: Self.result, charts: [chart]).map(\.name)
        #expect(names == ["compare.json", "compare.csv", "compare-p50.svg", "compare.md", "report.html"])
        for name in names {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + name), "\(name)")
        }
        let markdown = try String(contentsOfFile: directory + "/compare.md", encoding: .utf8)
        #expect(markdown == CompareMarkdown.render(Self.result, charts: [chart]))
        let page = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(page.contains("<figure>\n<svg>p50</svg></figure>"))
        #expect(page.contains("<h2>Regressions</h2>") && page.contains("<th class=\"num\">Stage</th>"))
        #expect(!page.contains("<script") && !page.contains("compare-p50.svg"))
    }

    @Test func unwritableFolderIsAnError() {
        #expect(throws: RunOutputsError.self) {
            try CompareOutputs.write(Self.result, to: "/proc/loadrunner-compare-test")
        }
    }
}
