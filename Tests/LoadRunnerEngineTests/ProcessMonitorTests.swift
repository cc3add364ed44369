import Foundation
@testable import LoadRunnerEngine
@testable import LoadRunnerModel
import Testing

/// `ProcessMonitor` against real processes started for the test: tree sizes, CPU of busy children,
/// a process that dies, pid files. Every spawned process is killed before the test ends.
@Suite(.serialized) struct ProcessMonitorTests {
    /// A `/bin/sh -c` script started for a test; `stop()` kills it and everything it started.
    final class SpawnedShell {
        let process = Process()

        init(_ script: String) throws {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func stop() {
            let tree = ProcessTree.descendants(of: pid, parents: ProcessTable.read().parents)
            for member in tree { kill(member, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// Samples until `done` holds or about three seconds pass; returns the last sample.
    static func sample(
        _ monitor: inout ProcessMonitor, until done: (MonitorSecond) -> Bool
    ) async throws -> MonitorSecond {
        var second = monitor.sample(at: 0)
        for _ in 0..<150 where !done(second) {
            try await Task.sleep(for: .milliseconds(20))
            second = monitor.sample(at: 0)
        }
        return second
    }

    static let burner = "timeout --foreground 3 /bin/sh -c 'while :; do :; done'"

    @Test func countsAShellAndTheChildrenItStarted() async throws {
        let shell = try SpawnedShell("sleep 10 & sleep 10 & wait")
        defer { shell.stop() }
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "shell", target: .pid(shell.pid)))
        let second = try await Self.sample(&monitor) { $0.processCount == 3 }
        #expect(second.alive && second.reason == nil && second.pid == shell.pid)
        #expect(second.processCount == 3)
        #expect((second.rssBytes ?? 0) > 0)
        let next = monitor.sample(at: 1)
        #expect(next.processCount == 3 && next.cpuPercent != nil && next.readBytesPerSecond != nil)
    }

    @Test func busyChildrenShowAsCPUOfTheTree() async throws {
        // Two burners, so that a loaded machine still gives the tree more than half a core.
        let shell = try SpawnedShell("\(Self.burner) & \(Self.burner) & wait")
        defer { shell.stop() }
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "burner", target: .pid(shell.pid)))
        let started = try await Self.sample(&monitor) { $0.processCount == 5 }
        #expect(started.processCount == 5)
        try await Task.sleep(for: .milliseconds(1_000))
        let busy = monitor.sample(at: 1)
        #expect(busy.second == 1 && busy.alive && busy.processCount == 5)
        #expect((busy.cpuPercent ?? 0) > 50, "cpu \(busy.cpuPercent ?? -1)%")
        #expect(busy.readBytesPerSecond != nil && busy.writeBytesPerSecond != nil, "own processes' io is readable")
    }

    @Test func aKilledProcessIsReportedNotThrown() async throws {
        let shell = try SpawnedShell("exec sleep 10")
        defer { shell.stop() }
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "sleeper", target: .pid(shell.pid)))
        #expect(monitor.sample(at: 0).alive)
        shell.stop()
        let gone = monitor.sample(at: 1)
        #expect(!gone.alive && gone.processCount == 0 && gone.pid == shell.pid)
        #expect(gone.reason == "process \(shell.pid) is not running")
        #expect(gone.cpuPercent == nil && gone.rssBytes == nil)
    }

    @Test func aPidFileIsReadAtEverySample() async throws {
        let first = try SpawnedShell("exec sleep 10")
        defer { first.stop() }
        let second = try SpawnedShell("exec sleep 10")
        defer { second.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("postmaster.pid")
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "primary", target: .pidFile(pidFile.path)))

        try "\(first.pid)\n\(folder.path)\n1700000000\n5432\n".write(to: pidFile, atomically: true, encoding: .utf8)
        let running = monitor.sample(at: 0)
        #expect(running.alive && running.pid == first.pid && running.processCount == 1)

        try FileManager.default.removeItem(at: pidFile)
        let stopped = monitor.sample(at: 1)
        #expect(!stopped.alive && stopped.pid == nil)
        #expect(stopped.reason?.hasPrefix("cannot read pid file \(pidFile.path) (No such file or directory)") == true)

        try "\(second.pid)\n".write(to: pidFile, atomically: true, encoding: .utf8)
        let restarted = monitor.sample(at: 2)
        #expect(restarted.alive && restarted.pid == second.pid)

        try "starting\n".write(to: pidFile, atomically: true, encoding: .utf8)
        #expect(monitor.sample(at: 3).reason == "pid file \(pidFile.path) has no pid on its first line")
    }

    @Test func aPidThatNeverExistedIsNotRunning() {
        var monitor = ProcessMonitor(spec: MonitorSpec(name: "ghost", target: .pid(Int32.max)))
        let second = monitor.sample(at: 7)
        #expect(second == MonitorSecond(
            second: 7, alive: false, reason: "process \(Int32.max) is not running", pid: Int32.max, processCount: 0))
    }

    @Test func theTableHoldsThisProcessWithItsParent() throws {
        let table = ProcessTable.read()
        let me = try #require(table.stats[getpid()])
        #expect(me.ppid == getppid() && !me.hasExited)
        #expect(table.bootSeconds * 100 >= Double(me.startTimeTicks))
    }
}
