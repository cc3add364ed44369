import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// `ab.md`, the `ab` console summary and `ab.json` of a fixed comparison against their golden files: p50 is 20%
/// slower in every pair, p95 and rps only noisy, the error rate 0, and p99 missing in one round.
///
/// Re-record: `LOADRUNNER_RECORD_GOLDEN=1 swift test --filter AbReportGoldenTests` (see `ReportGoldenTests`).
@Suite struct AbReportGoldenTests {
    static let sides = RoundOrder.sides(pairs: 6)
    static let firstSides = stride(from: 0, to: sides.count, by: 2).map { sides[$0] }

    static func row(_ measure: MetricMeasure, _ a: [Double?], _ b: [Double?]) -> PairedComparator.Row {
        PairedComparator.Row(stage: 1, metric: MetricID(.total, measure), baseline: a, candidate: b)
    }

    static let comparison = PairedComparator(seed: 7).compare(rows: [
        row(.percentile(50), [10_100, 10_240, 9_980, 10_050, 10_170, 10_020], [12_210, 12_350, 12_020, 12_100, 12_300, 12_080]),
        row(.percentile(95), [15_000, 15_600, 14_800, 15_200, 15_100, 14_900], [15_300, 15_100, 15_200, 14_700, 15_500, 15_000]),
        row(.percentile(99), [21_000, 22_000, 20_500, 21_500, 21_200, 20_900], [21_300, 21_900, 20_800, nil, 21_000, 21_100]),
        row(.rps, [980, 1_010, 995, 1_002, 990, 1_005], [975, 1_012, 990, 1_000, 996, 1_001]),
        row(.errorRate, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
    ], pairs: 6, firstSides: firstSides)

    static let run = AbRunInfo(
        profileName: "short", baselineTarget: "http://127.0.0.1:8085", candidateTarget: "http://127.0.0.1:8086", seed: 42,
        roundsPlanned: 6,
        roundFolders: sides.enumerated().map { AbRunInfo.roundFolder(pair: RoundOrder.pair(ofRound: $0), side: $1) },
        interrupted: false)

    @Test func theVerdictsAreTheFixturesTruth() {
        let verdicts = Self.comparison.metrics.map(\.verdict)
        #expect(verdicts == [.worse, .noSignificantChange, .notComparable, .noSignificantChange, .noSignificantChange])
        #expect(Self.comparison.failed)
        #expect(Self.comparison.budgetedMetrics == 4)
        #expect(Self.run.roundFolders.prefix(4) == ["rounds/01-a", "rounds/01-b", "rounds/02-b", "rounds/02-a"])
    }

    @Test func markdown() {
        assertMatchesGolden(MarkdownWriter.render(AbReport.document(Self.comparison, run: Self.run)), file: "ab.md")
    }

    @Test func console() {
        assertMatchesGolden(
            ConsoleWriter.render(AbReport.document(Self.comparison, run: Self.run, rounds: false)), file: "ab-console.txt")
    }

    @Test func json() throws {
        assertMatchesGolden(String(decoding: try AbJSON.encode(Self.comparison, run: Self.run), as: UTF8.self), file: "ab.json")
    }
}
