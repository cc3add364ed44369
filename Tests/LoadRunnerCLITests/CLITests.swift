import Foundation
import LoadRunnerTestSupport
import Testing

/// The command line as a program: exit codes, messages and files, against a real local server.
@Suite(.serialized) struct CLITests {
    static let shortProfile = """
        name: cli short
        target: http://127.0.0.1:1
        requests:
          - { name: ok, path: /ok, weight: 3 }
          - { name: slow, path: /delay/5 }
        stages:
          - { users: 2, duration: 2s, warmup: 500ms }
          - { users: 4, duration: 2s, warmup: 500ms }
        """

    @Test func validateAcceptsAGoodProfile() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.shortProfile])
        let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout.contains("valid: 2 stages, 2 requests, up to 4 users"))
    }

    @Test func validateReportsEveryProblemWithItsLineAndExits64() async throws {
        let folder = try BinaryRunner.folder(["bad.yaml": """
            name: bad
            target: http://127.0.0.1:8085
            requests:
              - { name: ok, path: "/x/{{ nope }}" }
            stages:
              - { users: 2, spawn_rat: 1, duration: 5 }
            """])
        let output = try await BinaryRunner.run(["validate", "bad.yaml"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("bad.yaml:4:"))
        #expect(output.stderr.contains("nope"))
        #expect(output.stderr.contains("spawn_rate"))
        #expect(output.stderr.contains("\"5s\" or \"500ms\""))
        #expect(output.stdout.isEmpty)
    }

    @Test func aMissingProfileIsAUsageError() async throws {
        let output = try await BinaryRunner.run(["run", "/nonexistent/profile.yaml"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("/nonexistent/profile.yaml"))
    }

    @Test func badArgumentsAreUsageErrors() async throws {
        let output = try await BinaryRunner.run(["run", "x.yaml", "--loops", "0"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--loops"))
    }

    @Test func helpDocumentsTheExitCodes() async throws {
        let output = try await BinaryRunner.run(["--help"])
        #expect(output.status == 0)
        for code in ["64", "69", "70", "74", "130"] { #expect(output.stdout.contains("  \(code) ")) }
    }

    @Test func runWritesEveryOutput() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.shortProfile])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--csv-full-history"], in: folder)
            #expect(output.status == 0, "\(output.stderr)")
            let out = folder.appendingPathComponent("out")
            for file in ["result.json", "stages.csv", "report.md", "locust_stats.csv", "locust_stats_history.csv", "locust_failures.csv"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
            }
            let stages = try String(contentsOf: out.appendingPathComponent("stages.csv"), encoding: .utf8)
            #expect(stages.hasPrefix("stage,users,name,method,requests,failures,error_rate,rps,p50_ms,"))
            #expect(stages.contains("\n1,2,Aggregated,") && stages.contains("\n2,4,Aggregated,"))
            let history = try String(contentsOf: out.appendingPathComponent("locust_stats_history.csv"), encoding: .utf8)
            #expect(history.components(separatedBy: "\r\n").count >= 1 + 3 * 3)
            #expect(output.stdout.contains("results in out"))
            // Plain progress lines in a CI log, one a second.
            #expect(output.stdout.components(separatedBy: "stage 1/2").count >= 2)
            #expect(!output.stdout.contains("\u{1B}["))
        }
    }

    @Test func quietSilencesTheLiveLine() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.shortProfile])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "o", "--quiet"], in: folder)
            #expect(output.status == 0)
            #expect(!output.stdout.contains("stage 1/2"))
        }
    }

    @Test func ctrlCStopsTheRunAndStillWritesTheResults() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["long.yaml": """
                name: long
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /delay/20 }
                stages:
                  - { users: 3, duration: 5m }
                """])
            let output = try await BinaryRunner.run(
                ["run", "long.yaml", "--target", server.baseURL, "--out", "out"], in: folder,
                interruptAfter: .milliseconds(2500), timeout: .seconds(30))
            #expect(output.status == 130, "\(output.stderr)")
            #expect(output.stderr.contains("stopping"))
            let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
            #expect(json.contains("\"interrupted\" : true"))
            let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
            #expect(report.lowercased().contains("interrupted"))
        }
    }

    @Test func aFailedDataFetchIsASetupFailure() async throws {
        try await TestHTTPServer.withServer { server in
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
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "o"], in: folder)
            #expect(output.status == 69)
            #expect(output.stderr.contains("data.ids"))
            #expect(output.stderr.contains("HTTP 500"))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func tooFewOpenFilesForTheUsersIsSaidBeforeStarting() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: many users
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 500, duration: 1s }
                """])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "o"], in: folder,
                launcher: ["/usr/bin/prlimit", "--nofile=128:128"])
            #expect(output.status == 69)
            #expect(output.stderr.contains("500 users need about"))
            #expect(output.stderr.contains("ulimit -n"))
            #expect(server.requestsServed == 0)
        }
    }

    @Test func resultsThatCannotBeWrittenWhereAskedAreSavedElsewhere() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.shortProfile])
            let out = folder.appendingPathComponent("out")
            // Once the run is going, its output folder turns into a file.
            let saboteur = Task {
                try await Task.sleep(for: .milliseconds(1500))
                try FileManager.default.removeItem(at: out)
                try "not a folder".write(to: out, atomically: true, encoding: .utf8)
            }
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder)
            try await saboteur.value
            #expect(output.status == 74)
            let saved = try #require(output.stderr.components(separatedBy: "saved in ").last?.components(separatedBy: " instead").first)
            #expect(FileManager.default.fileExists(atPath: saved + "/result.json"), "\(output.stderr)")
            try? FileManager.default.removeItem(atPath: saved)
        }
    }

    @Test func anUnwritableOutputFolderFailsBeforeSendingAnything() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": Self.shortProfile, "file": "not a folder"])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "file/sub"], in: folder)
            #expect(output.status == 74)
            #expect(output.stderr.contains("file/sub"))
            #expect(server.requestsServed == 0)
        }
    }
}

/// `compare`, `report`, thresholds and the CI files, through the built binary against real servers.
@Suite(.serialized) struct CLIGateTests {
    static let profile = """
        name: gates
        target: http://127.0.0.1:1
        requests:
          - { name: user/get, path: "/user/get-ids?number=5" }
        stages:
          - { users: 2, duration: 3s, warmup: 500ms }
          - { users: 4, duration: 3s, warmup: 500ms }
        """

    /// Runs the profile against a server that adds `delay` to the demo routes, into `folder/out`.
    static func run(_ folder: URL, out: String, delay: Duration?, extra: [String] = []) async throws -> BinaryRunner.Output {
        try await TestHTTPServer.withServer(.init(fixedDelay: delay)) { server in
            try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", out, "--quiet"] + extra, in: folder)
        }
    }

    @Test func comparingTwoRunsOfTheSameServerPassesAndASlowerOneFailsWithExit2() async throws {
        // A server that takes 2 ms, twice, then one that takes 8 ms; one stage with a 21-second window, since
        // `compare` judges windows of at least 20 whole seconds (10 blocks). Latency budgets only: throughput on
        // this shared machine moves with whatever else runs, which a comparison would rightly report.
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile
            .replacingOccurrences(of: "  - { users: 4, duration: 3s, warmup: 500ms }\n", with: "")
            .replacingOccurrences(of: "duration: 3s, warmup: 500ms", with: "duration: 22s, warmup: 1s")])
        for (out, delay) in [("before", 2), ("again", 2), ("slower", 8)] {
            let output = try await Self.run(folder, out: out, delay: .milliseconds(delay))
            #expect(output.status == 0, "\(output.stderr)")
        }
        let budgets = ["--fail-on", "p50 > +10% and +1ms", "--fail-on", "p95 > +20% and +2ms"]
        let same = try await BinaryRunner.run(["compare", "before", "again", "--out", "same"] + budgets, in: folder)
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.lowercased().contains("passed"))

        let summary = folder.appendingPathComponent("summary.md")
        var environment = ["GITHUB_STEP_SUMMARY": summary.path]
        environment["CI"] = "1"
        let slower = try await BinaryRunner.run(
            ["compare", "before", "slower", "--out", "slow", "--junit", "compare.xml"] + budgets, in: folder,
            environment: environment)
        #expect(slower.status == 2, "\(slower.stdout)\(slower.stderr)")
        #expect(slower.stdout.contains("FAILED"))
        for file in ["compare.md", "report.html", "compare.csv", "compare.json", "compare-p50.svg", "compare-p95.svg", "compare-rps.svg"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("slow/" + file).path), "\(file)")
        }
        let junit = try String(contentsOf: folder.appendingPathComponent("compare.xml"), encoding: .utf8)
        #expect(junit.contains("<failure message=\"p50 rose"))
        let page = try String(contentsOf: folder.appendingPathComponent("slow/report.html"), encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("<table>") && !page.contains("<script"))
        #expect(try String(contentsOf: summary, encoding: .utf8).contains("FAILED"))
    }

    @Test func badBudgetsAndMissingResultsAreUsageErrors() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let budget = try await BinaryRunner.run(["compare", "a", "b", "--fail-on", "rps > +10%"], in: folder)
        #expect(budget.status == 64)
        #expect(budget.stderr.contains("--fail-on"))
        let missing = try await BinaryRunner.run(["compare", "nowhere", "nowhere"], in: folder)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("nowhere/result.json") || missing.stderr.contains("nowhere"))
        let report = try await BinaryRunner.run(["report", "p.yaml"], in: folder)
        #expect(report.status == 64)
    }

    @Test func aFailedThresholdExits99AndWritesJUnit() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile + """

            thresholds:
              - "p95 < 1ms"
              - "rps > 1"
            """])
        let output = try await Self.run(folder, out: "out", delay: .milliseconds(3), extra: ["--junit", "run.xml"])
        #expect(output.status == 99, "\(output.stderr)")
        #expect(output.stderr.contains("threshold"))
        let junit = try String(contentsOf: folder.appendingPathComponent("run.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"4\""))
        #expect(junit.contains("failures=\"2\""))
        let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
        #expect(json.contains("\"thresholds\""))
    }

    @Test func abortOnFailStopsTheRunAfterTheFailingStage() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile + """

            thresholds:
              - { threshold: "p50 < 1ms", abort_on_fail: true }
            """])
        let output = try await Self.run(folder, out: "out", delay: .milliseconds(3))
        #expect(output.status == 99, "\(output.stderr)")
        let stages = try String(contentsOf: folder.appendingPathComponent("out/stages.csv"), encoding: .utf8)
        #expect(stages.contains("\n1,2,Aggregated,"))
        #expect(!stages.contains("\n2,4,Aggregated,"))
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(report.contains("stopped early"))
    }

    @Test func reportRebuildsEveryHumanReadableFile() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        #expect(try await Self.run(folder, out: "out", delay: nil).status == 0)
        let original = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        let rebuilt = try await BinaryRunner.run(["report", "out/result.json", "--out", "again"], in: folder)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("again/report.md"), encoding: .utf8) == original)
        for file in ["report.html", "stages.csv", "chart-latency.svg", "locust_stats_history.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("again/" + file).path), "\(file)")
        }
    }
}

/// Profiles that run commands: exit codes of failed required actions and checks, `--no-actions`, and
/// secrets from the environment that never reach a result file.
@Suite(.serialized) struct CLICommandTests {
    static let profile = """
        name: commands
        target: http://127.0.0.1:1
        headers:
          Authorization: "Bearer ${LR_TEST_TOKEN}"
        requests:
          - { name: echo, method: POST, path: /echo, body: "x" }
        stages:
          - { users: 2, requests: 40 }
        """

    static func run(_ yaml: String, extra: [String] = []) async throws -> (BinaryRunner.Output, URL) {
        let folder = try BinaryRunner.folder(["p.yaml": yaml])
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"] + extra, in: folder,
                environment: ["LR_TEST_TOKEN": "tok-9f2c1e"])
        }
        return (output, folder)
    }

    @Test func passingChecksExit0AndTheSecretIsInNoFile() async throws {
        let (output, folder) = try await Self.run(Self.profile + """

            checks:
              - { name: all sent, run: "echo 40", equals: "{{ requests.echo.ok }}" }
            """)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("check \"all sent\" passed"))
        let out = folder.appendingPathComponent("out")
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("tok-9f2c1e"), "\(file) holds the secret")
        }
        #expect(!output.stdout.contains("tok-9f2c1e") && !output.stderr.contains("tok-9f2c1e"))
    }

    @Test func aFailedCheckExits98() async throws {
        let (output, folder) = try await Self.run(Self.profile + """

            checks:
              - { name: rows, run: "echo 39", equals: "{{ requests.echo.ok }}" }
            """)
        #expect(output.status == 98, "\(output.stderr)")
        #expect(output.stderr.contains("check \"rows\" failed: got 39, expected 40"))
        let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
        #expect(json.contains("\"checks\""))
    }

    @Test func aMetricCheckPassesWithoutRunningACommand() async throws {
        let (output, folder) = try await Self.run(Self.profile + """

            checks:
              - { name: nothing failed, metric: total.failed, equals: 0 }
              - { metric: "requests[echo].ok", at_least: "{{ requests[echo].count }}" }
            """, extra: ["--no-actions", "--allow-env", "LR_TEST_TOKEN"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("check \"nothing failed\" passed"))
        let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
        #expect(json.contains("\"metric\" : \"total.failed\""))
    }

    @Test func aFailedMetricCheckExits98() async throws {
        let (output, _) = try await Self.run(Self.profile + """

            checks:
              - { name: too few, metric: total.ok, at_least: 41 }
            """)
        #expect(output.status == 98, "\(output.stderr)")
        #expect(output.stderr.contains("check \"too few\" failed: got 40, expected at least 41"))
    }

    @Test func aThresholdOnACommandMonitorIsJudgedAtTheEnd() async throws {
        let (output, folder) = try await Self.run("""
            name: series
            target: http://127.0.0.1:1
            requests:
              - { name: echo, method: POST, path: /echo, body: "x" }
            stages:
              - { users: 1, duration: 1s }
            monitors:
              - { name: five, run: "echo 5", every: 100ms }
            thresholds:
              - "command[five].max < 5"
              - "generator.cpu < 1000"
            """)
        #expect(output.status == 99, "\(output.stderr)")
        let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
        #expect(json.contains("\"metric\" : \"command[five].max\""))
        #expect((output.stdout + output.stderr).contains("command[five].max = 5, not < 5"), "\(output.stdout)")
    }

    @Test func aFailedRequiredActionExits97() async throws {
        let (output, _) = try await Self.run(Self.profile + """

            actions:
              - { name: stop node, after_requests: 10, run: "exit 5", required: true }
            checks:
              - { run: "echo 40", equals: "{{ requests.echo.ok }}" }
            """)
        #expect(output.status == 97, "\(output.stderr)")
        #expect(output.stderr.contains("required action failed: \"stop node\" (exit 5)"))
    }

    @Test func noActionsRefusesAProfileThatRunsCommands() async throws {
        let (output, folder) = try await Self.run(Self.profile + """

            actions:
              - { at: end, run: "touch ran" }
            """, extra: ["--no-actions", "--allow-env", "LR_TEST_TOKEN"])
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains("--no-actions refuses that; nothing was sent"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ran").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func ctrlCDuringAnEndActionSkipsTheRestAndExits130() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile + """

            actions:
              - { name: slow, at: end, run: "sleep 3; echo slept" }
              - { name: after, at: end, run: "touch after" }
            checks:
              - { name: rows, run: "echo 40", equals: "{{ requests.echo.ok }}" }
            """])
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder,
                environment: ["LR_TEST_TOKEN": "t"], interruptAfter: .milliseconds(1500), timeout: .seconds(30))
        }
        #expect(output.status == 130, "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("after").path))
        let json = try String(contentsOf: folder.appendingPathComponent("out/result.json"), encoding: .utf8)
        #expect(json.contains("\"interrupted\" : true"))
        #expect(json.contains("not run: the run was interrupted"))
        // The running action is stopped at once (SIGTERM to its process group): it never prints.
        #expect(!json.contains("\"stdout\" : \"slept"))
        #expect(json.contains("\"signal\" : 15"))
    }

    @Test func validateListsTheCommandsAProfileRuns() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile + """

            actions:
              - { after_requests: 10, run: "Lab/lab stop replica2", required: true }
            checks:
              - { run: "echo 40", at_least: "{{ requests.echo.ok }}" }
            monitors:
              - { name: lag, run: "Lab/lab lag --bytes replica2", unit: bytes }
            """])
        let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, environment: ["LR_TEST_TOKEN": "t"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("40 requests in counted stages"))
        #expect(output.stdout.contains("this profile runs commands (run it with --no-actions to refuse that):"))
        #expect(output.stdout.contains("  action after 10 requests, required: Lab/lab stop replica2"))
        #expect(output.stdout.contains("  monitor \"lag\" every 1s: Lab/lab lag --bytes replica2"))
        #expect(output.stdout.contains("  check at_least {{ requests.echo.ok }}: echo 40"))
    }

    @Test func anUnsetSecretIsAProfileError() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder, environment: ["LR_TEST_TOKEN": ""])
        #expect(output.status == 0, "an empty value is a value")
        let unset = try await BinaryRunner.run(["run", "p.yaml", "--quiet"], in: folder)
        #expect(unset.status == 64)
        #expect(unset.stderr.contains("LR_TEST_TOKEN is not set"))
    }
}
