import Foundation
@testable import LoadRunnerCommands
@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// `CommandRunner` against real `/bin/sh` commands: exit status, signals, output, timeouts that kill a
/// whole process group, background processes that keep the pipes open, and descriptors. Every wait is an
/// `await`: Swift Testing's pool has two threads, and the runner blocks only threads of its own. Durations
/// are the run's own (measured on the runner's thread), since other suites may hold the pool for seconds.
struct CommandRunnerTests {
    let runner = CommandRunner(clock: RunClock())

    @Test func exitStatusAndBothStreamsAreKept() async {
        let run = await runner.run("echo out; echo err >&2; exit 3", timeout: .seconds(5), role: .check("test"))
        #expect(run.exitStatus == 3)
        #expect(run.signal == nil)
        #expect(!run.timedOut)
        #expect(run.launchError == nil)
        #expect(run.stdout == "out\n")
        #expect(run.stderr == "err\n")
        #expect(run.startSeconds >= 0 && run.endSeconds >= run.startSeconds)
        #expect(run.outcome == "exit 3")
    }

    @Test func aSignalThatEndsTheShellIsReported() async {
        let run = await runner.run("kill -KILL $$", timeout: .seconds(5), role: .check("test"))
        #expect(run.exitStatus == nil)
        #expect(run.signal == Int(SIGKILL))
        #expect(!run.timedOut)
        #expect(run.outcome == "killed by signal 9")
    }

    @Test func onlyTheTailOfLongOutputIsKept() async {
        // About 190 KB on each stream, far past the 16 KiB kept.
        let run = await runner.run("seq 1 30000; seq 1 30000 >&2", timeout: .seconds(10), role: .check("test"))
        #expect(run.exitStatus == 0)
        #expect(run.stdout.utf8.count == ShellOutcome.keptOutputBytes)
        #expect(run.stderr.utf8.count == ShellOutcome.keptOutputBytes)
        #expect(run.stdout.hasSuffix("\n29999\n30000\n"))
        #expect(run.stderr.hasSuffix("\n29999\n30000\n"))
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        let run = await runner.run("sleep 30 & echo $!; sleep 30; wait", timeout: .milliseconds(300), role: .check("test"))
        #expect(run.endSeconds - run.startSeconds < 3)
        #expect(run.timedOut)
        #expect(run.signal == Int(SIGTERM))
        #expect(run.outcome.hasPrefix("timed out after "))
        let background = try #require(Int32(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await Self.ended(background))
    }

    @Test func aGroupThatIgnoresSIGTERMGetsSIGKILLTwoSecondsLater() async {
        let run = await runner.run("trap '' TERM; sleep 30", timeout: .milliseconds(200), role: .check("test"))
        #expect(run.endSeconds - run.startSeconds >= 2.2 && run.endSeconds - run.startSeconds < 4)
        #expect(run.timedOut)
        #expect(run.signal == Int(SIGKILL))
    }

    @Test func aBackgroundProcessHoldingThePipeDoesNotHoldTheRun() async throws {
        let run = await runner.run("sleep 30 & echo $!", timeout: .seconds(10), role: .check("test"))
        #expect(run.exitStatus == 0)
        #expect(!run.timedOut)
        let daemon = try #require(Int32(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Still running, so the run did not wait for it; left running (an action may start a service on
        // purpose), so the test cleans it up.
        #expect(kill(daemon, 0) == 0)
        kill(daemon, SIGKILL)
    }

    @Test(arguments: ["/no/such/folder/tool --version", "no-such-command-for-loadrunner"])
    func aCommandThatCannotBeFoundExits127WithItsReason(command: String) async {
        let run = await runner.run(command, timeout: .seconds(5), role: .check("test"))
        #expect(run.exitStatus == 127)
        #expect(run.launchError == nil)
        #expect(run.stderr.contains(command.split(separator: " ")[0]))
    }

    @Test func aShellThatCannotStartIsALaunchErrorAndLeavesNoPipeOpen() async {
        let broken = CommandRunner(clock: RunClock(), shell: "/no/such/shell")
        let before = Self.openPipeCount()
        for _ in 0..<100 {
            let run = await broken.run("true", timeout: .seconds(5), role: .check("test"))
            #expect(run.launchError == "cannot run /no/such/shell: No such file or directory")
            #expect(run.outcome == "could not start: cannot run /no/such/shell: No such file or directory")
            #expect(run.exitStatus == nil && run.signal == nil && !run.timedOut)
            #expect(run.endSeconds == run.startSeconds)
        }
        // 100 failed launches that leaked would leave at least 200 pipe ends; runs of other tests
        // have a few open at any moment.
        #expect(Self.openPipeCount() - before < 50)
    }

    @Test func runsInAGroupOfItsOwnReadingNullWithNoStrayDescriptors() async {
        let run = await runner.run("echo $$ $(cut -d' ' -f5 /proc/$$/stat) $(readlink /proc/$$/fd/0)", timeout: .seconds(5), role: .check("test"))
        let words = run.stdout.split(whereSeparator: \.isWhitespace)
        #expect(words.count == 3 && words[0] == words[1], "pid, pgid, stdin: \(words)")
        #expect(words.last == "/dev/null")
        let descriptors = await runner.run("ls /proc/$$/fd", timeout: .seconds(5), role: .check("test"))
        #expect(descriptors.stdout == "0\n1\n2\n")
    }

    @Test func startsWithNoSignalBlockedOrIgnored() async throws {
        // `exec` so that grep reads the mask the shell started with (dash blocks signals while it waits).
        let run = await runner.run("exec grep -E '^Sig(Blk|Ign)' /proc/self/status", timeout: .seconds(5), role: .check("test"))
        let masks = Dictionary(uniqueKeysWithValues: run.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: ":")
            return (String(parts[0]), UInt64(parts[1].trimmingCharacters(in: .whitespaces), radix: 16) ?? .max)
        })
        #expect(masks["SigBlk"] == 0)
        // glibc's own realtime signals (32, 33) stay ignored until the new program's libc starts.
        #expect(try #require(masks["SigIgn"]) & 0x7FFF_FFFF == 0)  // bit n-1 is signal n
    }

    @Test func cancellingTheWaitingTaskDoesNotStopTheCommand() async {
        let waiting = Task { await runner.run("sleep 0.3; echo finished", timeout: .seconds(5), role: .check("test")) }
        waiting.cancel()
        let run = await waiting.value
        #expect(run.exitStatus == 0)
        #expect(run.stdout == "finished\n")
    }

    @Test func manyRunsLeaveNoDescriptorOpen() async {
        let before = Self.openPipeCount()
        for _ in 0..<20 {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask { _ = await runner.run("echo \(index); echo x >&2", timeout: .seconds(5), role: .check("test")) }
                }
            }
        }
        // 200 runs that leaked would leave at least 200 pipe ends; runs of other tests have a few open at
        // any moment, and other suites open mostly sockets.
        #expect(Self.openPipeCount() - before < 50)
    }

    @Test func outputFilesAreGoneFromDiskAndClosedAfterEveryRun() async {
        let broken = CommandRunner(clock: RunClock(), shell: "/no/such/shell")
        let before = Self.openOutputFileCount()
        for index in 0..<50 {
            _ = await broken.run("true", timeout: .seconds(5), role: .check("test"))
            _ = await runner.run("echo \(index); echo x >&2", timeout: .seconds(5), role: .check("test"))
        }
        // 100 runs that leaked would leave 200 output files open; other tests run a few commands at once.
        #expect(Self.openOutputFileCount() - before < 20)
        let folder = (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []
        #expect(!folder.contains { $0.hasPrefix("loadrunner-output-") })
    }

    @Test func aCutCharacterAtTheFrontOfTheTailIsDropped() {
        var tail = OutputTail(limit: 4)
        for part in ["aé", "€", "xy"] {  // é has 2 bytes, € 3
            Array(part.utf8).withUnsafeBytes { tail.append($0) }
        }
        #expect(tail.text == "xy")  // 4 bytes kept: the last two of €, x, y
        var short = OutputTail(limit: 16)
        Array("é€".utf8).withUnsafeBytes { short.append($0) }
        #expect(short.text == "é€")
    }

    /// How many of this process's descriptors are pipe ends.
    static func openPipeCount() -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.count { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))?.hasPrefix("pipe:") == true
        }
    }

    /// How many of this process's descriptors are commands' output files (`OutputFile`).
    static func openOutputFileCount() -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.count { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))?.contains("loadrunner-output-") == true
        }
    }

    /// True once `pid` is gone or a zombie (its parent may be slow to reap it), within about a second.
    static func ended(_ pid: Int32) async -> Bool {
        for _ in 0..<50 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if stat.split(separator: ")").last?.split(separator: " ").first == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
