import Foundation
@testable import LoadRunner
import LoadRunnerReports
import Testing

@Suite struct ReportOutputsTests {
    @Test func writesEveryFileOfARunFolder() throws {
        let directory = NSTemporaryDirectory() + "loadrunner-report-\(UUID().uuidString)/nested"
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let result = ReportFixtures.result()
        try RunOutputs.write(result, to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == RunOutputs.fileNames.sorted())
        #expect(!names.contains(RunOutputs.locustHistoryCSV))
        let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(report == MarkdownReport.render(result))
        let decoded = try ResultJSON.decode(try Data(contentsOf: URL(fileURLWithPath: directory + "/result.json")))
        #expect(decoded == result)
    }

    @Test func fileNames() {
        #expect(RunOutputs.fileNames == [
            "result.json", "stages.csv", "chart-throughput.svg", "chart-latency.svg", "chart-users.svg", "report.md",
            "report.html", "locust_stats.csv", "locust_failures.csv",
        ])
        #expect(RunOutputs.locustHistoryCSV == "locust_stats_history.csv")
    }

    @Test func saysWhichFolderCouldNotBeCreated() throws {
        let blocker = NSTemporaryDirectory() + "loadrunner-report-\(UUID().uuidString)"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        do {
            try RunOutputs.write(ReportFixtures.result(), to: blocker + "/run")
            Issue.record("expected an error")
        } catch {
            guard case .cannotCreateDirectory(let path, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == blocker + "/run")
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("cannot create the output folder \(blocker)/run: "))
        }
    }

    @Test func saysWhichFileCouldNotBeWritten() throws {
        let directory = NSTemporaryDirectory() + "loadrunner-report-\(UUID().uuidString)"
        // A folder where report.md should go makes that one write fail.
        try FileManager.default.createDirectory(atPath: directory + "/report.md/x", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try RunOutputs.write(ReportFixtures.result(), to: directory)
            Issue.record("expected an error")
        } catch {
            guard case .cannotWrite(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == directory + "/report.md")
        }
    }
}
