import Foundation
import LoadRunnerTestSupport
import Testing

/// The Locust-format files of a real run: they agree with one another and with the server's counts, and a real
/// Locust 2.x run against the same server writes files a notebook reads the same way.
@Suite(.serialized) struct LocustFilesCLITests {
    static let profile = """
        name: locust files
        target: http://127.0.0.1:1
        requests:
          - { name: delay, path: /delay/20, weight: 3 }
          - { name: fail, path: /status/503 }
        stages:
          - { users: 5, duration: 4s, warmup: 1s }
        """

    /// Locust's equivalent of `profile`: the same routes and weights, no think time.
    static let locustfile = """
        from locust import FastHttpUser, constant, task


        class LoadRunnerEquivalent(FastHttpUser):
            wait_time = constant(0)

            @task(3)
            def delay(self):
                self.client.get("/delay/20", name="delay")

            @task(1)
            def fail(self):
                self.client.get("/status/503", name="fail")
        """

    /// The three files, read as they are on disk.
    struct Files {
        var stats: String
        var history: String
        var failures: String

        init(folder: URL, prefix: String) throws {
            let read = { (suffix: String) in
                try String(contentsOf: folder.appendingPathComponent(prefix + suffix), encoding: .utf8)
            }
            stats = try read("stats.csv")
            history = try read("stats_history.csv")
            failures = try read("failures.csv")
        }

        var all: [String] { [stats, history, failures] }
    }

    @Test func theThreeFilesAgreeWithEachOtherAndTheServer() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile])
        let (output, served) = try await TestHTTPServer.withServer { server in
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder)
            return (output, (delay: server.requests(forPathPrefix: "/delay/"), fail: server.requests(forPathPrefix: "/status/")))
        }
        #expect(output.status == 0, "\(output.stderr)")
        let files = try Files(folder: folder.appendingPathComponent("out"), prefix: "locust_")
        try Self.checkConsistent(files, tool: "LoadRunner")
        let stats = LocustCSVText.rows(files.stats)
        // The whole run, warm-up included: every request the server answered.
        #expect(stats.map { [$0[1], $0[2], $0[3]] } == [
            ["delay", String(served.delay), "0"], ["fail", String(served.fail), String(served.fail)],
            ["Aggregated", String(served.delay + served.fail), String(served.fail)],
        ])
        // The warm-up's requests are in these files but not in stages.csv's window.
        let stages = try String(contentsOf: folder.appendingPathComponent("out/stages.csv"), encoding: .utf8)
        let window = try #require(stages.split(separator: "\n").first { $0.contains(",Aggregated,") })
        #expect(try #require(Int(window.split(separator: ",")[4])) < served.delay + served.fail)
        #expect(served.fail > 0)

        // The full-history layout, from `report`, keeps the same totals.
        let report = try await BinaryRunner.run(["report", "out", "--out", "full", "--csv-full-history"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let full = try Files(folder: folder.appendingPathComponent("full"), prefix: "locust_")
        try Self.checkConsistent(full, tool: "LoadRunner --csv-full-history")
        #expect(LocustCSVText.rows(full.history).contains { $0[3] == "delay" })
        #expect(!LocustCSVText.rows(files.history).contains { $0[3] == "delay" })
    }

    /// `locust` on PATH (`make test-deps` installs it), or nil.
    static let locust: String? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { $0 + "/locust" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: locust != nil, "locust is not on PATH; `make test-deps` installs it (python3 -m pip install locust)"))
    func locustsOwnFilesReadTheSameWay() async throws {
        let locust = try #require(Self.locust)
        let folder = try BinaryRunner.folder(["p.yaml": Self.profile, "locustfile.py": Self.locustfile])
        let (locustStatus, locustServed) = try await TestHTTPServer.withServer { server in
            let status = try await Self.runLocust(locust, host: server.baseURL, in: folder)
            return (status, server.requests(forPathPrefix: "/delay/") + server.requests(forPathPrefix: "/status/"))
        }
        #expect(locustStatus == 0)
        let output = try await TestHTTPServer.withServer { server in
            try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "out", "--quiet"], in: folder)
        }
        #expect(output.status == 0, "\(output.stderr)")
        let theirs = try Files(folder: folder, prefix: "locust_")
        let ours = try Files(folder: folder.appendingPathComponent("out"), prefix: "locust_")
        try Self.checkConsistent(theirs, tool: "Locust", historyMayLag: true)
        try Self.checkConsistent(ours, tool: "LoadRunner")
        // Locust's files are its last once-a-second snapshot (it writes none when it stops), so they miss up to the
        // last second's requests; LoadRunner's count every one (the test above).
        let locustTotals = try #require(LocustCSVText.rows(theirs.stats).last)
        let locustCount = try #require(Int(locustTotals[2]))
        #expect(locustCount > 0 && locustCount <= locustServed, "Locust \(locustCount), served \(locustServed)")

        for (their, our) in zip(theirs.all, ours.all) {
            #expect(their.prefix { $0 != "\r\n" } == our.prefix { $0 != "\r\n" }, "same header, byte for byte")
        }
        // Both files name the same rows; the delay route's median lies in the same range: at least the 20 ms the
        // server waits, and within Locust's rounding (1 ms steps below 100 ms) plus what two tools on a busy
        // 2-core machine add, 15 ms, of each other.
        let theirStats = LocustCSVText.rows(theirs.stats)
        let ourStats = LocustCSVText.rows(ours.stats)
        #expect(theirStats.map { $0[1] } == ourStats.map { $0[1] })
        // Both histories in Locust's default layout: the aggregate only.
        #expect(Set(LocustCSVText.rows(theirs.history).map { $0[3] }) == ["Aggregated"])
        #expect(Set(LocustCSVText.rows(ours.history).map { $0[3] }) == ["Aggregated"])
        let theirDelay = try #require(theirStats.first { $0[1] == "delay" })
        let ourDelay = try #require(ourStats.first { $0[1] == "delay" })
        let theirMedian = try #require(Double(theirDelay[4]))
        let ourMedian = try #require(Double(ourDelay[4]))
        #expect(theirMedian >= 20 && ourMedian >= 20)
        #expect(abs(theirMedian - ourMedian) <= 15, "Locust \(theirMedian) ms, LoadRunner \(ourMedian) ms")
    }

    /// Runs Locust headless for 4 s against `host`, writing `locust_*.csv` into `folder`; its exit status.
    static func runLocust(_ locust: String, host: String, in folder: URL) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: locust)
        process.arguments = [
            "-f", "locustfile.py", "--headless", "-u", "5", "-r", "5", "-t", "4s", "--csv", "locust", "--host", host,
            "--only-summary", "--exit-code-on-error", "0", "--loglevel", "WARNING",
        ]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What a notebook relies on, in one tool's three files: CRLF line ends only, as many fields in every row as in
    /// the header, numbers where numbers go (`N/A` only in a stats or history percentile column before any request),
    /// and totals that agree: the rows add up to the Aggregated row, the failures file to its Failure Count, the
    /// last history row to its Request and Failure Counts (`historyMayLag`: at most them, since Locust appends its
    /// history once a second and writes its stats file once more when it stops).
    static func checkConsistent(_ files: Files, tool: String, historyMayLag: Bool = false) throws {
        for text in files.all {
            #expect(text.hasSuffix("\r\n"), "\(tool): lines end in CRLF")
            #expect(text.replacingOccurrences(of: "\r\n", with: "").unicodeScalars.allSatisfy { $0 != "\n" && $0 != "\r" },
                    "\(tool): no bare LF or CR")
            let header = LocustCSVText.header(text)
            for row in LocustCSVText.rows(text) { #expect(row.count == header.count, "\(tool): \(row)") }
        }
        let stats = LocustCSVText.rows(files.stats)
        let history = LocustCSVText.rows(files.history)
        let failures = LocustCSVText.rows(files.failures)
        let textColumns = (stats: Set([0, 1]), history: Set([2, 3]))
        for row in stats {
            for (index, field) in row.enumerated() where !textColumns.stats.contains(index) {
                #expect(Double(field) != nil || (index >= 11 && field == "N/A" && row[2] == "0"), "\(tool) stats: \(row)")
            }
        }
        for row in history {
            for (index, field) in row.enumerated() where !textColumns.history.contains(index) {
                #expect(Double(field) != nil || ((6...16).contains(index) && field == "N/A" && row[17] == "0"),
                        "\(tool) history: \(row)")
            }
        }
        let aggregated = try #require(stats.last)
        #expect(aggregated[1] == "Aggregated" && aggregated[0].isEmpty)
        let count = { (rows: [[String]], column: Int) in rows.compactMap { Int($0[column]) }.reduce(0, +) }
        #expect(count(Array(stats.dropLast()), 2) == Int(aggregated[2]), "\(tool): request counts add up")
        #expect(count(Array(stats.dropLast()), 3) == Int(aggregated[3]), "\(tool): failure counts add up")
        #expect(count(failures, 3) == Int(aggregated[3]), "\(tool): failures file = stats failures")
        let last = try #require(history.last { $0[3] == "Aggregated" })
        if historyMayLag {
            #expect(Int(last[17]) ?? .max <= Int(aggregated[2]) ?? 0, "\(tool): last history row <= stats totals")
        } else {
            #expect([last[17], last[18]] == [aggregated[2], aggregated[3]], "\(tool): last history row = stats totals")
        }
    }
}

/// Reading the CSV text as Python's `csv` module does (quotes, doubled quotes, CRLF).
enum LocustCSVText {
    /// The header's fields.
    static func header(_ text: String) -> [String] {
        fields(String(text.components(separatedBy: "\r\n")[0]))
    }

    /// The fields of every line after the header.
    static func rows(_ text: String) -> [[String]] {
        text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map(fields)
    }

    static func fields(_ line: String) -> [String] {
        var fields = [""]
        var quoted = false
        var previous: Character = ","
        for character in line {
            if character == "\"" {
                if !quoted && previous == "\"" { fields[fields.count - 1].append("\"") }
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
            previous = character
        }
        return fields
    }
}
