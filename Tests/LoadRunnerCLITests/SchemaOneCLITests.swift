import Foundation
import LoadRunnerTestSupport
import Testing

/// `report` and `compare` read a schema 1 `result.json` (written by the LoadRunner before schema 2), alone
/// and beside a schema 2 result.
@Suite(.serialized) struct SchemaOneCLITests {
    /// `Tests/LoadRunnerCoreTests/Fixtures/results`, found from this file's path.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LoadRunnerCoreTests/Fixtures/results")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func reportRebuildsWhatTheSchemaOneLoadRunnerWrote() async throws {
        let folder = try BinaryRunner.folder([:])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("old"), withIntermediateDirectories: true)
        try Self.fixture("schema1-result.json").write(
            to: folder.appendingPathComponent("old/result.json"), atomically: true, encoding: .utf8)
        let report = try await BinaryRunner.run(["report", "old", "--out", "rebuilt", "--csv-full-history"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        for (written, original) in [("report.md", "schema1-report.md"), ("stages.csv", "schema1-stages.csv"),
                                    ("locust_stats_history.csv", "schema1-locust_stats_history.csv")] {
            let text = try String(contentsOf: folder.appendingPathComponent("rebuilt/" + written), encoding: .utf8)
            #expect(text == (try Self.fixture(original)), "\(written)")
        }
    }

    @Test func compareReadsSchemaOneAgainstItselfAndAgainstSchemaTwo() async throws {
        let old = try Self.fixture("schema1-result.json")
        let profileText = try #require(
            (try JSONSerialization.jsonObject(with: Data(old.utf8)) as? [String: Any])?["provenance"] as? [String: Any])["profileText"]
        let folder = try BinaryRunner.folder(["p.yaml": try #require(profileText as? String)])
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try old.write(to: folder.appendingPathComponent(name + "/result.json"), atomically: true, encoding: .utf8)
        }
        let same = try await BinaryRunner.run(["compare", "a", "b", "--out", "same"], in: folder)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        // The budget comes from the schema 1 candidate's profile text.
        #expect(try String(contentsOf: folder.appendingPathComponent("same/compare.md"), encoding: .utf8)
            .contains("p95 > +25% and +3ms"))

        let run = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "new", "--quiet"], in: folder)
        }
        #expect([0, 96].contains(run.status), "\(run.stderr)")
        let mixed = try await BinaryRunner.run(["compare", "a", "new", "--out", "mixed"], in: folder)
        #expect([0, 2].contains(mixed.status), "\(mixed.stdout)\(mixed.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("mixed/compare.md").path))
    }
}
