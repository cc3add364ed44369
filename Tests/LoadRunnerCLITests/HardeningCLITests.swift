import Foundation
import LoadRunnerTestSupport
import Testing

/// The smaller defects of issue 9 through the built binary: what reaches the terminal, what is refused before
/// the load (and that nothing was sent), which files a run leaves, and the exit codes.
@Suite(.serialized) struct HardeningCLITests {
    static let profile = """
        name: hardening
        target: http://127.0.0.1:1
        requests:
          - { name: echo, method: POST, path: /echo, body: "x" }
        stages:
          - { users: 2, requests: 20 }
        """

    /// Runs `run p.yaml` against a fresh test server; returns the output and what the server counted.
    static func run(_ folder: URL, _ extra: [String], environment: [String: String] = [:], path: String = "")
        async throws -> (BinaryRunner.Output, requests: Int)
    {
        try await TestHTTPServer.withServer { server in
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL + path, "--quiet"] + extra, in: folder,
                environment: environment, timeout: .seconds(60))
            return (output, server.requestsServed)
        }
    }

    static func exists(_ folder: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }

    @Test func escapeSequencesFromCommandsNeverReachTheConsoleOrTheReport() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile + #"""

            actions:
              - name: noisy
                at: end
                run: printf '\033[2J\033]0;pwned\007oops\302\233H' >&2; exit 3
            checks:
              - name: titled
                run: printf '\033]0;title\007\033[2J'; echo 41
                equals: "{{ requests.echo.ok }}"
            """#])
        let (output, requests) = try await Self.run(folder, ["--out", "out"])
        #expect(requests == 20)
        #expect(output.status == 98, "\(output.stderr)")
        #expect(output.stderr.contains("action \"noisy\" failed: exit 3 ([2J]0;pwnedoopsH)"), "\(output.stderr)")
        #expect(output.stderr.contains("check \"titled\" failed"))
        for text in [output.stdout, output.stderr] {
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
        }
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(report.contains("oops"))
        #expect(!report.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aJUnitPathThatCannotTakeTheFileIsRefusedBeforeTheLoad() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let (intoFolder, sentA) = try await Self.run(folder, ["--out", "out", "--junit", "reports"])
        #expect(intoFolder.status == 74)
        #expect(sentA == 0)
        #expect(intoFolder.stderr.contains("error: --junit reports: it is a folder, not a file; nothing was sent\n  hint: give a file path in an existing, writable folder\n"))
        let (noParent, sentB) = try await Self.run(folder, ["--out", "out", "--junit", "missing/junit.xml"])
        #expect(noParent.status == 74)
        #expect(sentB == 0)
        #expect(noParent.stderr.contains("--junit missing/junit.xml: its folder missing does not exist"))
        #expect(!Self.exists(folder, "out"), "nothing is created before the load")
    }

    @Test func anEarlierRunsFolderIsReplacedWhollyAndAForeignOneRefused() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let old = folder.appendingPathComponent("o")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        for name in ["actions.csv", "monitors.csv", "compare.json", "locust_stats_history.csv"] {
            try "stale".write(to: old.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let (output, requests) = try await Self.run(folder, ["--out", "o/"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(requests == 20)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: old.path))
        #expect(!names.contains("actions.csv") && !names.contains("monitors.csv") && !names.contains("compare.json"))
        #expect(names.contains("result.json") && names.contains("report.md"))
        let history = try String(contentsOf: old.appendingPathComponent("locust_stats_history.csv"), encoding: .utf8)
        #expect(history.hasPrefix("Timestamp,"), "the history file is the new run's")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["o", "p.yaml"], "no temporary sibling is left")

        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "keep me".write(to: mine.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "{}".write(to: mine.appendingPathComponent("result.json"), atomically: true, encoding: .utf8)
        let (refused, sent) = try await Self.run(folder, ["--out", "mine"])
        #expect(refused.status == 74)
        #expect(sent == 0)
        #expect(refused.stderr.contains("error: --out mine holds files that are not LoadRunner results (notes.txt, result.json); nothing was sent\n  hint: LoadRunner replaces only folders of its own results, so choose an empty or new folder\n"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path).sorted() == ["notes.txt", "result.json"])
    }

    @Test func compareOutReplacesAnEarlierComparisonAndRefusesOtherFiles() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let (first, _) = try await Self.run(folder, ["--out", "run"])
        #expect(first.status == 0, "\(first.stderr)")
        let old = folder.appendingPathComponent("cmp")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try "stale".write(to: old.appendingPathComponent("stages.csv"), atomically: true, encoding: .utf8)
        let compared = try await BinaryRunner.run(["compare", "run", "run", "--out", "cmp"], in: folder)
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(!Self.exists(folder, "cmp/stages.csv"))
        #expect(Self.exists(folder, "cmp/compare.json"))
        try "x".write(to: folder.appendingPathComponent("other.txt"), atomically: true, encoding: .utf8)
        let refused = try await BinaryRunner.run(["compare", "run", "run", "--out", "."], in: folder)
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("error: --out . holds files that are not LoadRunner results (cmp, other.txt, p.yaml and 1 more)"), "\(refused.stderr)")
        let noJUnit = try await BinaryRunner.run(["compare", "run", "run", "--out", "cmp2", "--junit", "cmp"], in: folder)
        #expect(noJUnit.status == 74)
        #expect(noJUnit.stderr == "error: --junit cmp: it is a folder, not a file\n  hint: give a file path in an existing, writable folder\n")
        #expect(!Self.exists(folder, "cmp2"))
    }

    @Test func aSetupFailureLeavesNoOutputFolder() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: fetch fails
            target: http://127.0.0.1:1
            data:
              ids: { fetch: /status/500 }
            requests:
              - { name: get, path: "/user/get/{{ ids }}" }
            stages:
              - { users: 1, duration: 1s }
            """])
        let (output, _) = try await Self.run(folder, ["--out", "reports/o"])
        #expect(output.status == 69)
        #expect(output.stderr.contains("data.ids"))
        #expect(!Self.exists(folder, "reports/o"), "\(output.stderr)")
    }

    @Test func messagesNameTheProblemInsteadOfTheSystemsText() async throws {
        let folder = try BinaryRunner.folder([
            "csv.yaml": """
                name: csv folder
                target: http://127.0.0.1:8085
                data:
                  rows: { csv: /etc }
                requests:
                  - { name: get, path: "/x/{{ rows }}" }
                stages:
                  - { users: 1, duration: 1s }
                """,
            "url.yaml": Self.profile.replacingOccurrences(of: "http://127.0.0.1:1", with: "http:/127.0.0.1:8085"),
            "scheme.yaml": Self.profile.replacingOccurrences(of: "http://127.0.0.1:1", with: "htp://127.0.0.1"),
        ])
        let csv = try await BinaryRunner.run(["validate", "csv.yaml"], in: folder)
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("csv.yaml:4:16: error: data.rows.csv cannot be used: /etc: is a folder, not a CSV file\n  hint: give the path of a .csv file\n"), "\(csv.stderr)")
        let url = try await BinaryRunner.run(["validate", "url.yaml"], in: folder)
        #expect(url.status == 64)
        #expect(url.stderr.contains(#""http:/127.0.0.1:8085" is not a URL LoadRunner reads\#n  hint: did you mean "http://127.0.0.1:8085"?"#), "\(url.stderr)")
        let scheme = try await BinaryRunner.run(["validate", "scheme.yaml"], in: folder)
        #expect(scheme.stderr.contains(#"did you mean "http://127.0.0.1"?"#), "\(scheme.stderr)")

        for (written, shown) in [("1.5", "1.5"), ("\"x\"", "\"x\"")] {
            let run = folder.appendingPathComponent("r" + String(written.count))
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try #"{ "schemaVersion": \#(written), "provenance": {} }"#.write(
                to: run.appendingPathComponent("result.json"), atomically: true, encoding: .utf8)
            let compared = try await BinaryRunner.run(["compare", run.path, run.path], in: folder)
            #expect(compared.status == 64)
            #expect(compared.stderr.contains("result.json has schemaVersion \(shown), which this LoadRunner does not read (it reads 1 to 2)"), "\(compared.stderr)")
        }
    }

    @Test func aFullDiskAtTheStartIsSaidAsSuch() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let disk = folder.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard try Self.shell("mount -t tmpfs -o size=64k tmpfs '\(disk.path)' 2>/dev/null") == 0 else { return }
        defer { _ = try? Self.shell("umount '\(disk.path)'") }
        _ = try Self.shell("dd if=/dev/zero of='\(disk.path)/fill' bs=4k count=64 2>/dev/null")
        let (output, requests) = try await Self.run(folder, ["--out", "disk/out"])
        #expect(output.status == 74)
        #expect(requests == 0)
        #expect(output.stderr.contains("error: cannot write results to disk/out: the disk is full"), "\(output.stderr)")
        #expect(!output.stderr.contains("permission"))
    }

    @Test func noActionsRefusesEnvironmentAndOutsideFilesUnlessAllowed() async throws {
        let elsewhere = try BinaryRunner.folder(["ids.csv": "id\n1\n2\n"])
        let csv = elsewhere.appendingPathComponent("ids.csv").resolvingSymlinksInPath().path
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: reads
            target: http://127.0.0.1:1
            headers:
              Authorization: "Bearer ${LR_TEST_TOKEN}"
            data:
              ids: { csv: \(csv) }
            requests:
              - { name: echo, method: POST, path: /echo, body: "{{ ids }}" }
            stages:
              - { users: 1, requests: 5 }
            """])
        let environment = ["LR_TEST_TOKEN": "t"]
        let validated = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, environment: environment)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("reads environment variables: LR_TEST_TOKEN"))
        #expect(validated.stdout.contains("reads files outside its folder: \(csv)"))

        let (refused, sent) = try await Self.run(folder, ["--out", "out", "--no-actions"], environment: environment)
        #expect(refused.status == 64)
        #expect(sent == 0)
        #expect(refused.stderr.contains("p.yaml reads environment variables LR_TEST_TOKEN (allow with --allow-env LR_TEST_TOKEN) and files outside its folder \(csv) (allow with --allow-file \(csv)), which --no-actions refuses"), "\(refused.stderr)")
        #expect(!Self.exists(folder, "out"))

        let (allowed, served) = try await Self.run(
            folder, ["--out", "out", "--no-actions", "--allow-env", "LR_TEST_TOKEN", "--allow-file", csv], environment: environment)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("reads environment variables: LR_TEST_TOKEN (allowed)"))
        #expect(allowed.stdout.contains("reads files outside its folder: \(csv) (allowed)"))
        #expect(served == 5)
    }

    @Test func aRunWhereNoRequestSucceededExits96UnlessThresholdsDecide() async throws {
        let folder = try BinaryRunner.folder([
            "p.yaml": Self.profile,
            "t.yaml": Self.profile + "\nthresholds:\n  - \"p95 < 10s\"\n",
        ])
        let (dead, requests) = try await Self.run(folder, ["--out", "out"], path: "/status/503")
        #expect(requests == 20)
        #expect(dead.status == 96, "\(dead.stderr)")
        #expect(dead.stderr.contains("error: no request succeeded in any stage window (20 sent, 20 failed: http_status 100%) (exit 96)\n  hint: is the target up"), "\(dead.stderr)")
        #expect(Self.exists(folder, "out/result.json"), "the results are still written")

        let refused = try await BinaryRunner.run(["run", "p.yaml", "--target", "http://127.0.0.1:1", "--out", "down", "--quiet"], in: folder)
        #expect(refused.status == 96, "\(refused.stderr)")
        #expect(refused.stderr.contains("20 sent, 20 failed: connect 100%"), "\(refused.stderr)")

        let judged = try await BinaryRunner.run(["run", "t.yaml", "--target", "http://127.0.0.1:1", "--out", "judged", "--quiet"], in: folder)
        #expect(judged.status == 0, "the thresholds decide: \(judged.stderr)")
    }

    /// Runs `command` with `/bin/sh`; its exit status.
    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
