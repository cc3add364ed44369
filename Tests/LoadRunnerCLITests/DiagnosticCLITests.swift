import Foundation
import Testing

/// The built binary prints every error in the one diagnostic format: location first, then `error:`, then the
/// message, and what to do on its own `hint:` line.
@Suite("Diagnostics from the binary")
struct DiagnosticCLITests {
    @Test func aProfileErrorNamesItsLineColumnAndKeyAndSaysWhatToDo() async throws {
        let folder = try BinaryRunner.folder(["d.yaml": """
            name: d
            target: http://127.0.0.1:8085
            requests:
              - { name: ok, path: /x }
            stages:
              - { users: 2, duration: 5 }
            """])
        let output = try await BinaryRunner.run(["validate", "d.yaml"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr == """
            d.yaml:6:27: error: stages[0].duration "5" has no unit
              hint: write "5s" or "500ms"
            1 problem in d.yaml; nothing was sent

            """, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func aRefusalIsAnErrorWithAHint() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: p
            target: http://127.0.0.1:8085
            requests:
              - { name: ok, path: /x }
            stages:
              - { users: 1, duration: 1s }
            actions:
              - { at: end, run: "touch ran" }
            """])
        let output = try await BinaryRunner.run(["run", "p.yaml", "--no-actions", "--out", "out"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr == """
            error: p.yaml runs commands (1 actions, 0 checks, 0 command monitors) and --no-actions refuses that; nothing was sent
              hint: read the profile (`LoadRunner validate` lists its commands) and run it without --no-actions if you trust it

            """, "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ran").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// Exit 70 is for errors LoadRunner did not expect; what ArgumentParser ends on purpose keeps its status.
    @Test func helpVersionAndBadOptionsAreNotInternalErrors() async throws {
        for (arguments, status) in [(["--help"], 0), (["help", "run"], 0), (["run", "--help"], 0), (["--version"], 0),
                                    (["run", "x.yaml", "--loops", "0"], 64), (["frobnicate"], 64)] as [([String], Int32)] {
            let output = try await BinaryRunner.run(arguments)
            #expect(output.status == status, "\(arguments): \(output.stderr)")
            #expect(!output.stderr.contains("internal error"), "\(arguments): \(output.stderr)")
        }
    }
}
