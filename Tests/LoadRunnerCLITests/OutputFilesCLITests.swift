import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// The list of output files (`OutputFile.all`) against what the real binary writes: a run folder holds exactly
/// the files the list names for its result, and a comparison folder only files the list names.
@Suite(.serialized) struct OutputFilesCLITests {
    @Test func aRunFolderHoldsExactlyTheListedFiles() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": CLITests.shortProfile])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder)
            #expect(output.status == 0, "\(output.stderr)")
            let out = folder.appendingPathComponent("out")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            let result = try ResultJSON.decode(try Data(contentsOf: out.appendingPathComponent(RunOutputs.resultJSON)))
            #expect(names == OutputFile.runFolder(for: result).sorted())
            #expect(names.allSatisfy { OutputFile.isListed($0, in: .run) })

            let compared = try await BinaryRunner.run(["compare", "out", "out", "--out", "cmp"], in: folder)
            #expect(compared.status == 0, "\(compared.stderr)")
            let compareNames = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cmp").path)
            #expect(compareNames.allSatisfy { OutputFile.isListed($0, in: .compare) }, "\(compareNames)")
            for file in OutputFile.all where file.folder == .compare && !file.name.contains("*") {
                #expect(compareNames.contains(file.name), "\(file.name)")
            }
        }
    }

    /// A run with an open stage also gets the open-model charts, and the folder still holds exactly the listed files.
    @Test func anOpenRunFolderHoldsExactlyTheListedFiles() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: cli open
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { rate: 50/s, duration: 1s }
                  - { users: 1, duration: 1s }
                """])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("open stage"), "\(output.stdout)")
            let out = folder.appendingPathComponent("out")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            let result = try ResultJSON.decode(try Data(contentsOf: out.appendingPathComponent(RunOutputs.resultJSON)))
            #expect(names == OutputFile.runFolder(for: result).sorted())
            #expect(names.contains(RunCharts.rateFileName) && names.contains(RunCharts.latencyServiceFileName))
            #expect(names.allSatisfy { OutputFile.isListed($0, in: .run) })
        }
    }

    @Test func everyListedFileHasOneOwner() {
        let names = OutputFile.all.map { "\($0.folder)/\($0.name)" }
        #expect(Set(names).count == names.count)
        #expect(OutputFile.all.filter { $0.name == RunOutputs.locustHistoryCSV }.map(\.owner) == ["HistoryFile (LocustHistoryCSV)"])
        #expect(OutputFile.isListed("chart-latency.svg", in: .run) && !OutputFile.isListed("chart-.svg"))
        #expect(!OutputFile.isListed("notes.txt"))
    }
}
