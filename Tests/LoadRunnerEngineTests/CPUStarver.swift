import Foundation
import Synchronization

/// Takes the CPU away from the curl loops of a run on purpose, and from nothing else of this test process: runs
/// `hogs` busy bash loops pinned to one CPU, and pins each curl loop thread (`isCurlLoop`) that starts in this
/// process while `body` runs to the same CPU (`taskset -p`, that thread alone). A loop then waits on that CPU's run
/// queue beside the hogs: while runnable it gets about 1/(hogs + 1) of the CPU. The rest of the process (the
/// monitor, Swift's task pool, other suites running in parallel) keeps every CPU it had.
///
/// The hogs are killed (SIGKILL: a child may inherit a mask that blocks SIGTERM) when `body` ends, thrown or not, and
/// each stops by itself after `boundSeconds` (bash's `$SECONDS`, no signal needed) should the test process die.
/// Pinned loop threads end with their run. A loop of another suite's run started meanwhile is pinned too (it shares
/// CPU 0 with the hogs for a few seconds, as on any busy machine).
struct CPUStarver {
    /// Why the machine could not be set up for starving.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func withStarvedLoops<T>(
        cpu: Int = 0, hogs: Int = 1, boundSeconds: Int = 60, _ body: () async throws -> T
    ) async throws -> T {
        let existing = Set(threadIDs())
        var started: [Process] = []
        defer {
            for hog in started where hog.isRunning { kill(hog.processIdentifier, SIGKILL) }
            for hog in started { hog.waitUntilExit() }
        }
        for _ in 0..<hogs {
            let hog = Process()
            hog.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            // taskset execs bash, so the pid is the busy loop's own.
            hog.arguments = ["-c", String(cpu), "/bin/bash", "-c", "while [ $SECONDS -lt \(boundSeconds) ]; do :; done"]
            hog.standardOutput = FileHandle.nullDevice
            hog.standardError = FileHandle.nullDevice
            try hog.run()
            started.append(hog)
        }
        let pinned = Mutex<Set<Int32>>([])
        let pinner = Task.detached {
            while !Task.isCancelled {
                for tid in threadIDs() where !existing.contains(tid) && !pinned.withLock({ $0.contains(tid) }) {
                    guard isCurlLoop(tid) else { continue }
                    if (try? run("/usr/bin/taskset", ["-p", "-c", String(cpu), String(tid)])) != nil {
                        pinned.withLock { _ = $0.insert(tid) }
                    }
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        defer { pinner.cancel() }
        let result = try await body()
        guard !pinned.withLock(\.isEmpty) else { throw Failure(description: "no curl-loop thread appeared to pin") }
        return result
    }

    /// Whether thread `tid` is a curl loop: the loop names its thread `curl-loop-N` (in the kernel, `comm`). Only
    /// threads started while `body` runs are asked.
    static func isCurlLoop(_ tid: Int32) -> Bool {
        threadName(tid)?.hasPrefix("curl-loop") == true
    }

    /// The kernel ids of this process's threads.
    static func threadIDs() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap { Int32($0) }
    }

    /// A thread's name (`/proc/self/task/TID/comm`); nil when it has ended.
    static func threadName(_ tid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }
}
