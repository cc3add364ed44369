import Foundation
import LoadRunnerTestSupport
import Testing

/// Every way a run ends keeps what was measured: signals (Ctrl-C once and twice, SIGTERM, SIGHUP, SIGPIPE),
/// an action that outlives the load, and requests that never finish. Each test checks the files that remain
/// and, where a command ran, that none of its processes is left.
@Suite(.serialized) struct SignalTests {
    /// A light load (one request a user every 200 ms) for 30 s, and an action at 1 s that records its shell's pid
    /// (its process group's id) and a background child's pid, then holds on. `trapTerm` makes the action ignore
    /// SIGTERM, so only SIGKILL ends it.
    static func holdingProfile(trapTerm: Bool = false) -> String {
        let trap = trapTerm ? "trap '' TERM; " : ""
        return """
            name: signals
            target: http://127.0.0.1:1
            think_time: { constant: 200ms }
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 2, duration: 30s }
            actions:
              - { name: hold, at: 1s, timeout: 120s, run: "\(trap)sleep 60 & echo $! > child.pid; echo $$ > action.pid; wait" }
            """
    }

    /// Runs `profile` into `folder/out`, sends `signals` (the gap between them) once the action wrote both pids,
    /// and returns the output, the action's pids and how long the run took after the first signal.
    static func runHolding(
        _ folder: URL, signals: [Int32], gap: Duration = .milliseconds(300)
    ) async throws -> (output: BinaryRunner.Output, actionPID: pid_t, childPID: pid_t, secondsAfterSignal: Double) {
        let signalled = SignalClock()
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder,
                duringRun: { pid in
                    guard await waitForFile(folder.appendingPathComponent("action.pid")),
                        await waitForFile(folder.appendingPathComponent("child.pid"))
                    else { return }
                    signalled.mark()
                    for (index, signal) in signals.enumerated() {
                        if index > 0 { try? await Task.sleep(for: gap) }
                        kill(pid, signal)
                    }
                },
                timeout: .seconds(40))
        }
        let elapsed = signalled.secondsSinceMark()
        return (output, try readPID(folder, "action.pid"), try readPID(folder, "child.pid"), elapsed)
    }

    @Test func ctrlCDuringAnActionStopsItsProcessGroupAtOnceAndWritesEveryFile() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.holdingProfile()])
        let run = try await Self.runHolding(folder, signals: [SIGINT])
        #expect(run.output.status == 130, "\(run.output.stderr)")
        #expect(run.secondsAfterSignal < 6, "the run ended \(run.secondsAfterSignal) s after Ctrl-C")
        #expect(run.output.stderr.contains("stopping (Ctrl-C): ending action \"hold\" (pid \(run.actionPID))"), "\(run.output.stderr)")
        #expect(run.output.stdout.contains("action \"hold\" was stopped with the run: killed by signal 15"), "\(run.output.stdout)")
        #expect(!run.output.stderr.contains("the run goes on"))
        #expect(Self.liveProcesses(inGroup: run.actionPID).isEmpty)
        #expect(!Self.isAlive(run.childPID))
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == true)
        #expect(result["measurementsLost"].isMissing)
        #expect(result["stages"][0]["cutShort"].bool == true)
        #expect(result["actions"][0]["run"]["signal"].int == Int(SIGTERM))
        #expect(result["actions"][0]["run"]["timedOut"].bool == false)
        Self.expectFiles(folder, Self.runFiles + ["actions.csv"])
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(report.contains("stage 1 was cut short"))
    }

    @Test func twoCtrlCsStillLeaveAValidResultMarkedInterruptedAndNoChild() async throws {
        // The action ignores SIGTERM, so after the first Ctrl-C the run is still waiting for it (2 s grace)
        // when the second comes: only the second signal's minimal file can be there.
        let folder = try BinaryRunner.folder(["p.yaml": Self.holdingProfile(trapTerm: true)])
        let run = try await Self.runHolding(folder, signals: [SIGINT, SIGINT])
        #expect(run.output.status == 130, "\(run.output.stderr)")
        #expect(run.secondsAfterSignal < 5)
        #expect(run.output.stderr.contains("quitting: every command killed"))
        #expect(Self.liveProcesses(inGroup: run.actionPID).isEmpty)
        #expect(!Self.isAlive(run.childPID))
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == true)
        #expect(result["measurementsLost"].bool == true)
        #expect(result["stages"].count == 0)
        #expect(result["provenance"]["profileName"].string == "signals")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/locust_stats_history.csv").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        #expect(!leftovers.contains { $0.hasPrefix(".") }, "no temporary file is left: \(leftovers)")

        // `report` reads it and says what it is; `compare` refuses it.
        let report = try await BinaryRunner.run(["report", "out/result.json"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(markdown.contains("stopped by a second signal before its results were assembled"), "\(markdown)")
        let compare = try await BinaryRunner.run(["compare", "out/result.json", "out/result.json"], in: folder)
        #expect(compare.status == 64, "\(compare.status) \(compare.stdout) \(compare.stderr)")
        #expect(compare.stderr.contains("out/result.json holds no measurements (a second signal stopped that run"))
    }

    @Test func sigtermStopsLikeCtrlC() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.holdingProfile()])
        let run = try await Self.runHolding(folder, signals: [SIGTERM])
        #expect(run.output.status == 130, "\(run.output.stderr)")
        #expect(run.secondsAfterSignal < 6)
        #expect(run.output.stderr.contains("stopping (SIGTERM): ending action \"hold\""), "\(run.output.stderr)")
        #expect(Self.liveProcesses(inGroup: run.actionPID).isEmpty)
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == true && result["measurementsLost"].isMissing)
        #expect(result["stages"][0]["aggregated"]["requests"].int ?? 0 > 0)
    }

    @Test func sighupStopsLikeSigterm() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.holdingProfile()])
        let run = try await Self.runHolding(folder, signals: [SIGHUP])
        #expect(run.output.status == 130, "\(run.output.stderr)")
        #expect(run.secondsAfterSignal < 6)
        #expect(run.output.stderr.contains("stopping (SIGHUP): ending action \"hold\""), "\(run.output.stderr)")
        #expect(Self.liveProcesses(inGroup: run.actionPID).isEmpty)
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == true && result["measurementsLost"].isMissing)
        Self.expectFiles(folder, Self.runFiles + ["actions.csv"])
    }

    @Test func ctrlCDuringAnEndActionDoesNotSayAFinishedStageWasCutShort() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: end
            target: http://127.0.0.1:1
            think_time: { constant: 100ms }
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 1, duration: 1s }
            actions:
              - { name: slow, at: end, run: "echo $$ > action.pid; sleep 30" }
            """])
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder,
                duringRun: { pid in
                    if await waitForFile(folder.appendingPathComponent("action.pid")) { kill(pid, SIGINT) }
                },
                timeout: .seconds(30))
        }
        #expect(output.status == 130, "\(output.stderr)")
        #expect(output.stderr.contains("ending action \"slow\""))
        #expect(!output.stdout.contains("cut short"), "\(output.stdout)")
        #expect(output.stdout.contains("interrupted after its load ended"), "\(output.stdout)")
        #expect(Self.liveProcesses(inGroup: try Self.readPID(folder, "action.pid")).isEmpty)
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == true)
        #expect(result["stages"].count == 1)
        #expect(result["stages"][0]["cutShort"].bool == false)
    }

    @Test func aClosedStdoutDoesNotStopTheRun() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: pipe
            target: http://127.0.0.1:1
            think_time: { constant: 100ms }
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 2, duration: 2s }
            """])
        let (status, firstLine) = try await TestHTTPServer.withServer { server in
            try await Self.runReadingOneLine(["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder)
        }
        #expect(firstLine.hasPrefix("running \"pipe\""), "\(firstLine)")
        #expect(status == 0, "a closed stdout is not a failure (141 would be SIGPIPE)")
        let result = try Self.result(folder)
        #expect(result["interrupted"].bool == false)
        #expect(result["stages"][0]["aggregated"]["requests"].int ?? 0 > 10)
        Self.expectFiles(folder, Self.runFiles)
    }

    @Test func aTimedActionOutlivingTheLoadIsSaidOnTheConsoleAndInTheReport() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: outlived
            target: http://127.0.0.1:1
            think_time: { constant: 100ms }
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 1, duration: 2s }
            actions:
              - { name: slow, at: 1s, timeout: 10s, run: "sleep 3" }
            """])
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder, timeout: .seconds(30))
        }
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("the load has ended; waiting for action \"slow\" (started at 1."), "\(output.stdout)")
        #expect(output.stdout.contains("timeout 10.0s) to end"))
        let result = try Self.result(folder)
        let waited = try #require(result["actions"][0]["waitedAfterLoadSeconds"].double)
        #expect(waited > 1.5 && waited < 3.5, "\(waited)")
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(report.contains("Action \"slow\" (at 1s) outlived the load: the run waited"), "\(report)")
        #expect(output.stdout.contains("warning: Action \"slow\" (at 1s) outlived the load"))
    }

    /// Requests that hang past the stage's end are drained up to the profile's timeout and counted in their
    /// stage (as timeouts, with their time); they are still said to have been in flight at its end.
    @Test func requestsHangingPastTheStageAreCountedAsInFlight() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: stalled
            target: http://127.0.0.1:1
            timeout: 3s
            requests:
              - { name: stall, path: /stall }
            stages:
              - { users: 3, duration: 2s }
            """])
        let (output, served) = try await TestHTTPServer.withServer { server in
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder, timeout: .seconds(30))
            return (output, server.requestsServed)
        }
        #expect(served == 3, "each user sent one request, which hung")
        #expect(output.status == 96, "no request succeeded: every one hung")
        #expect(output.stderr.contains(
            "no request succeeded in any stage window (3 sent, 3 failed: timeout 100%; 3 still had no answer when the load ended)"),
            "\(output.stderr)")
        let result = try Self.result(folder)
        let stage = result["stages"][0]
        #expect(stage["aggregated"]["requests"].int == 3)
        #expect(stage["aggregated"]["failuresByCategory"]["timeout"].int == 3)
        #expect((stage["aggregated"]["latency"]["count"].int ?? 0) == 3)
        #expect(stage["inFlightAtEnd"].count == 1)
        #expect(stage["inFlightAtEnd"][0]["name"].string == "stall")
        #expect(stage["inFlightAtEnd"][0]["count"].int == 3)
        // They are in the stage's latencies now (about 3 s each), so nothing is missing from them.
        #expect(!output.stdout.contains("still in flight at its end"), "\(output.stdout)")
    }

    /// Ctrl-C while every request hangs: the run drains for 2 s, then records each user's request as an
    /// `incomplete` failure saying how long it waited, and still writes every file.
    @Test func ctrlCDrainsTwoSecondsThenRecordsHungRequestsAsIncomplete() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: hung
            target: http://127.0.0.1:1
            timeout: 30s
            requests:
              - { name: stall, path: /stall }
            stages:
              - { users: 3, spawn_rate: 100, duration: 30s }
            """])
        let signalled = SignalClock()
        let (output, served) = try await TestHTTPServer.withServer { server in
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "out"], in: folder,
                duringRun: { pid in
                    for _ in 0..<200 where server.requestsServed < 3 { try? await Task.sleep(for: .milliseconds(50)) }
                    try? await Task.sleep(for: .milliseconds(500))
                    signalled.mark()
                    kill(pid, SIGINT)
                },
                timeout: .seconds(40))
            return (output, server.requestsServed)
        }
        let elapsed = signalled.secondsSinceMark()
        #expect(served == 3)
        #expect(output.status == 130, "\(output.stderr)")
        #expect(elapsed > 1.8 && elapsed < 6, "the run ended \(elapsed) s after Ctrl-C")
        let result = try Self.result(folder)
        let stage = result["stages"][0]
        #expect(stage["aggregated"]["requests"].int == 3)
        #expect(stage["aggregated"]["failuresByCategory"]["incomplete"].int == 3)
        #expect((stage["aggregated"]["latency"]["count"].int ?? 0) == 0)
        #expect(result["failures"].count == 1)
        #expect(result["failures"][0]["category"].string == "incomplete")
        #expect(result["failures"][0]["occurrences"].int == 3)
        let message = result["failures"][0]["message"].string ?? ""
        #expect(message.hasPrefix("no response after up to "), "\(message)")
        Self.expectFiles(folder, Self.runFiles)
    }

    // MARK: Helpers

    /// `out/result.json` as a JSON tree (that it decodes as a result is proven by `report`, where it matters).
    static func result(_ folder: URL) throws -> JSONTree {
        let data = try Data(contentsOf: folder.appendingPathComponent("out/result.json"))
        return JSONTree(try JSONSerialization.jsonObject(with: data))
    }

    /// The files every run writes (`RunOutputs.fileNames`), and `actions.csv` for a profile with actions.
    static let runFiles = [
        "result.json", "stages.csv", "report.md", "report.html", "locust_stats.csv", "locust_failures.csv",
        "locust_stats_history.csv", "chart-throughput.svg", "chart-latency.svg", "chart-users.svg",
    ]

    static func expectFiles(_ folder: URL, _ names: [String]) {
        for name in names {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/\(name)").path), "\(name)")
        }
    }

    static func readPID(_ folder: URL, _ name: String) throws -> pid_t {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
