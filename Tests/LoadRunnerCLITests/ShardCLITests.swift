import Foundation
import LoadRunnerTestSupport
import Testing

/// A local "cluster": shards of one profile as separate processes (`--shards 3` with `JOB_COMPLETION_INDEX`, one
/// `--start-at`) against the test server, compared with one process running the same profile; a shard killed or
/// stopped; and the options and profiles a shard refuses (exit 65).
@Suite(.serialized) struct ShardCLITests {
    /// A count-ended closed stage (50 requests over 5 users) and an open stage (100 arrivals over 1 s), each request
    /// to `/bytes/N` with N from a `unique` range, so the server's log shows which rows were sent.
    static let profile = """
        name: sharded
        target: http://127.0.0.1:1
        seed: 7
        data:
          n: { range: [1000, 1999], pick: unique, when_exhausted: wrap }
        requests:
          - { name: bytes, path: "/bytes/{{ n }}" }
        stages:
          - { users: 5, spawn_rate: 50, requests: 50 }
          - { rate: 100/s, duration: 1s }
        """

    /// Runs the profile in `folder` into `out`, with `environment` and `extra` arguments.
    static func run(
        _ folder: URL, server: TestHTTPServer, out: String, extra: [String] = [], environment: [String: String] = [:],
        duringRun: (@Sendable (pid_t) async -> Void)? = nil
    ) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(
            ["run", "p.yaml", "--target", server.baseURL, "--out", out, "--quiet"] + extra, in: folder,
            environment: environment, duringRun: duringRun, timeout: .seconds(60))
    }

    static func result(_ folder: URL, _ out: String) throws -> JSONTree {
        JSONTree(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("\(out)/result.json"))))
    }

    /// Requests the result counts over its stages' windows (the stages have no warm-up: every request).
    static func requests(_ result: JSONTree) -> Int {
        (0..<result["stages"].count).map { result["stages"][$0]["aggregated"]["requests"].int ?? 0 }.reduce(0, +)
    }

    /// How often each path was requested.
    static func paths(_ server: TestHTTPServer) -> [String: Int] {
        server.requestLog.reduce(into: [:]) { $0[$1.path, default: 0] += 1 }
    }

    /// An RFC 3339 time `seconds` from now, whole seconds, and its Unix microseconds.
    static func startAt(inSeconds seconds: Int) -> (text: String, micros: Int64) {
        let whole = Int64(Date().timeIntervalSince1970.rounded(.down)) + Int64(seconds)
        let formatter = ISO8601DateFormatter()
        return (formatter.string(from: Date(timeIntervalSince1970: Double(whole))), whole * 1_000_000)
    }

    @Test func threeShardsSendExactlyWhatOneProcessSends() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let single = try await TestHTTPServer.withServer { server in
            let output = try await Self.run(folder, server: server, out: "single")
            #expect(output.status == 0, "\(output.stderr)")
            return (served: server.requestsServed, paths: Self.paths(server))
        }
        #expect(single.served == 150)
        #expect(single.paths.count == 100, "closed rows 1000-1049 and open rows 1000-1099: \(single.paths.count) paths")

        let start = Self.startAt(inSeconds: 6)
        let sharded = try await TestHTTPServer.withServer { server in
            let outputs = try await withThrowingTaskGroup(of: (Int, BinaryRunner.Output).self) { group in
                for index in 0..<3 {
                    group.addTask {
                        (index, try await Self.run(
                            folder, server: server, out: "shard\(index)", extra: ["--shards", "3", "--start-at", start.text],
                            environment: ["JOB_COMPLETION_INDEX": String(index)]))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for (index, output) in outputs {
                #expect(output.status == 0, "shard \(index): \(output.stderr)")
                #expect(output.stdout.contains("shard \(index) of 3"), "\(output.stdout)")
            }
            return (served: server.requestsServed, paths: Self.paths(server))
        }
        // The same requests with the same rows: no row sent by two shards, none left out.
        #expect(sharded.served == single.served)
        #expect(sharded.paths == single.paths)

        var hashes: Set<String> = []
        var counts: [Int] = []
        for index in 0..<3 {
            let result = try Self.result(folder, "shard\(index)")
            #expect(result["shard"]["index"].int == index)
            #expect(result["shard"]["count"].int == 3)
            #expect(result["shard"]["startAtUnixMicros"].int.map(Int64.init) == start.micros)
            #expect(result["startUnixMicros"].int.map(Int64.init) == start.micros)
            let late = try #require(result["shard"]["lateStartMicros"].int)
            #expect((0..<2_000_000).contains(late), "late by \(late) µs")
            #expect(result["seed"].int == 7)
            #expect(result["interrupted"].bool == false)
            hashes.insert(result["shard"]["profileHash"].string ?? "")
            counts.append(Self.requests(result))
            // The closed stage's budget of 50 splits 17/17/16; the open stage's 100 arrivals 34/33/33.
            #expect(result["stages"][0]["aggregated"]["requests"].int == [17, 17, 16][index])
            #expect(result["stages"][1]["aggregated"]["requests"].int == [34, 33, 33][index])
        }
        #expect(hashes.count == 1 && hashes.first?.hasPrefix("sha256:") == true && hashes.first?.count == 71)
        #expect(counts.reduce(0, +) == Self.requests(try Self.result(folder, "single")))
        #expect(counts.reduce(0, +) == sharded.served)
        #expect(try Self.result(folder, "single")["shard"].isMissing)

        // The real shards merge into one result that counts what the single process counted, stage by stage.
        let merge = try await BinaryRunner.run(
            ["merge", "shard0", "shard1", "shard2", "--out", "merged"], in: folder, timeout: .seconds(60))
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try Self.result(folder, "merged")
        let one = try Self.result(folder, "single")
        #expect(merged["shard"].isMissing)
        #expect(merged["shards"].count == 3)
        for stage in 0..<2 {
            #expect(merged["stages"][stage]["aggregated"]["requests"].int == one["stages"][stage]["aggregated"]["requests"].int)
        }
        #expect(Self.requests(merged) == sharded.served)
        #expect(merged["stages"][1]["open"]["due"].int == 100 && merged["stages"][1]["open"]["sent"].int == 100)
    }

    /// The p50 and p95 (ms) of the Aggregated row of `out`'s first stage, from its stages.csv.
    static func percentiles(_ folder: URL, _ out: String) throws -> (p50: Double, p95: Double) {
        let lines = try String(contentsOf: folder.appendingPathComponent("\(out)/stages.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let row = try #require(lines.first { $0.count > 2 && $0[2] == "Aggregated" })
        let column = { (name: String) in Double(row[header.firstIndex(of: name)!]) ?? -1 }
        return (column("p50_ms"), column("p95_ms"))
    }

    /// Against a server that answers after exactly 40 ms, an open stage run in one process and the same stage run as
    /// two shards and merged see the same latency distribution: both p50s within [40, 55] ms and within 5 ms of each
    /// other (the merged histogram holds every request of both shards: 80 + 80 = 160 at 80/s for 2 s).
    @Test func mergedShardsSeeTheLatencyOneProcessSees() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: delayed
            target: http://127.0.0.1:1
            seed: 3
            requests:
              - { name: slow, path: /delay/40 }
            stages:
              - { rate: 80/s, duration: 2s }
            """])
        try await TestHTTPServer.withServer { server in
            let single = try await Self.run(folder, server: server, out: "single")
            #expect(single.status == 0, "\(single.stderr)")
            let start = Self.startAt(inSeconds: 4)
            try await withThrowingTaskGroup(of: BinaryRunner.Output.self) { group in
                for index in 0..<2 {
                    group.addTask {
                        try await Self.run(folder, server: server, out: "shard\(index)", extra: ["--shard", "\(index)/2", "--start-at", start.text])
                    }
                }
                for try await output in group { #expect(output.status == 0, "\(output.stderr)") }
            }
            #expect(server.requestsServed == 320)
        }
        let merge = try await BinaryRunner.run(["merge", "shard0", "shard1", "--out", "merged"], in: folder, timeout: .seconds(60))
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try Self.requests(Self.result(folder, "merged")) == 160)
        let one = try Self.percentiles(folder, "single")
        let merged = try Self.percentiles(folder, "merged")
        for (name, value) in [("single p50", one.p50), ("merged p50", merged.p50)] {
            #expect(value >= 40 && value <= 55, "\(name) \(value) ms")
        }
        #expect(abs(one.p50 - merged.p50) <= 5, "single p50 \(one.p50) ms, merged p50 \(merged.p50) ms")
        #expect(merged.p95 >= 40, "merged p95 \(merged.p95) ms")
    }

    /// A shard killed with SIGKILL leaves no result at all; one stopped with SIGTERM writes its result marked
    /// interrupted, with its shard filled in: nothing half-written looks complete.
    @Test func aKilledShardLeavesNoResultAndAStoppedOneIsMarkedInterrupted() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: long
            target: http://127.0.0.1:1
            think_time: { constant: 100ms }
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 4, duration: 20s }
            """])
        let start = Self.startAt(inSeconds: 4)
        let signalAt = Double(start.micros) / 1_000_000 + 1.5
        try await TestHTTPServer.withServer { server in
            try await withThrowingTaskGroup(of: (Int32, BinaryRunner.Output).self) { group in
                for signal in [SIGKILL, SIGTERM] {
                    group.addTask {
                        let index = signal == SIGKILL ? 1 : 0
                        let output = try await Self.run(
                            folder, server: server, out: "shard\(index)", extra: ["--shard", "\(index)/3", "--start-at", start.text],
                            duringRun: { pid in
                                try? await Task.sleep(for: .seconds(max(0, signalAt - Date().timeIntervalSince1970)))
                                kill(pid, signal)
                            })
                        return (signal, output)
                    }
                }
                for try await (signal, output) in group {
                    if signal == SIGKILL {
                        #expect(output.status == 9 || output.status == SIGKILL, "\(output.stderr)")
                    } else {
                        #expect(output.status == 130, "\(output.stderr)")
                    }
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("shard1/result.json").path))
        let stopped = try Self.result(folder, "shard0")
        #expect(stopped["interrupted"].bool == true)
        #expect(stopped["shard"]["index"].int == 0 && stopped["shard"]["count"].int == 3)
        #expect(Self.requests(stopped) > 0)

        // merge refuses what is left: the stopped shard, and the killed one that wrote nothing (nor did shard 2).
        let merge = try await BinaryRunner.run(["merge", "shard0", "--out", "merged"], in: folder, timeout: .seconds(60))
        #expect(merge.status == 66, "\(merge.stderr)")
        #expect(merge.stderr.contains("shard0 was interrupted"), "\(merge.stderr)")
        #expect(merge.stderr.contains("shards 1, 2 of 3 are missing"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged/result.json").path))
    }

    /// Each bad option or environment is refused before anything is sent, with its own exit code and a message
    /// that names it.
    @Test(arguments: [
        (["--shard", "3/3"], [String: String](), "--shard 3/3"),
        (["--shard", "1/0"], [:], "--shard 1/0"),
        (["--shard", "one/3"], [:], "is not I/N"),
        (["--shard", "0/3", "--shards", "3"], ["JOB_COMPLETION_INDEX": "0"], "both given"),
        (["--shards", "3"], [:], "JOB_COMPLETION_INDEX, which is not set"),
        (["--shards", "3"], ["JOB_COMPLETION_INDEX": "x"], "JOB_COMPLETION_INDEX=x is not a number"),
        (["--shards", "3"], ["JOB_COMPLETION_INDEX": "3"], "JOB_COMPLETION_INDEX=3 is not below --shards 3"),
        (["--shard", "0/3", "--start-at", "tomorrow"], [:], "--start-at tomorrow is not an RFC 3339 time"),
        (["--shard", "0/3", "--start-at", "2099-01-01T00:00:00Z"], [:], "more than 24 h ahead"),
    ])
    func badShardOptionsAreRefused(arguments: [String], environment: [String: String], message: String) async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let output = try await BinaryRunner.run(
            ["run", "p.yaml", "--out", "out"] + arguments, in: folder, environment: environment)
        #expect(output.status == 65, "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// Actions not at a time, and checks, cannot run in shards: every such entry is named.
    @Test func aProfileWithCountOrEndActionsOrChecksIsRefusedInShards() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: commands
            target: http://127.0.0.1:1
            requests:
              - { name: ok, path: /ok }
            stages:
              - { users: 1, duration: 1s }
            actions:
              - { name: early, at: 100ms, run: "true" }
              - { name: counted, after_requests: 10, run: "true" }
              - { name: last, at: end, run: "true" }
            checks:
              - { name: still-up, run: "echo 1", equals: 1 }
            """])
        let output = try await BinaryRunner.run(["run", "p.yaml", "--out", "out", "--shard", "1/2"], in: folder)
        #expect(output.status == 65, "\(output.stderr)")
        #expect(output.stderr.contains("actions[1] `counted`"), "\(output.stderr)")
        #expect(output.stderr.contains("actions[2] `last`"), "\(output.stderr)")
        #expect(!output.stderr.contains("`early`"), "\(output.stderr)")
        #expect(output.stderr.contains("`still-up`"), "\(output.stderr)")
    }
}

extension ShardCLITests {
    /// Ctrl-C while waiting for the common start ends the process at once: exit 130, nothing sent, no result.
    @Test func ctrlCWhileWaitingForTheStartExitsAtOnce() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        try await TestHTTPServer.withServer { server in
            let output = try await Self.run(
                folder, server: server, out: "out", extra: ["--shard", "0/2", "--start-at", Self.startAt(inSeconds: 60).text],
                duringRun: { pid in
                    try? await Task.sleep(for: .milliseconds(1_500))
                    kill(pid, SIGINT)
                })
            #expect(output.status == 130, "\(output.stderr)")
            #expect(output.stderr.contains("waiting for the common start"), "\(output.stderr)")
            #expect(server.requestsServed == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/result.json").path))
    }
}
