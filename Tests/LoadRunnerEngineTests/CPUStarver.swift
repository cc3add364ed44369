import Foundation

/// Takes the CPU away from this test process on purpose: pins every thread of the process to one CPU (`taskset -a`;
/// threads started later inherit it from the thread that starts them) and runs `hogs` busy shell loops pinned to
/// the same CPU, each bounded by `timeout`. A thread of the process that wants the CPU then waits on its run queue
/// beside the hogs: one that is always runnable gets about 1/(hogs + 1) of the CPU. The hogs are killed (SIGKILL: a
/// child may inherit a mask that blocks SIGTERM) and the process's own CPU list restored when `body` ends, thrown or
/// not; a hog outlives a crashed test by `boundSeconds` at most (bash's `$SECONDS`, no signal needed).
struct CPUStarver {
    /// Why the machine could not be set up for starving.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func withStarvedCPU<T>(
        cpu: Int = 0, hogs: Int = 1, boundSeconds: Int = 60, _ body: () async throws -> T
    ) async throws -> T {
        let pid = String(getpid())
        let allowed = try allowedCPUList()
        try run("/usr/bin/taskset", ["-a", "-p", "-c", String(cpu), pid])
        defer { try? run("/usr/bin/taskset", ["-a", "-p", "-c", allowed, pid]) }
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
        return try await body()
    }

    /// This process's CPU list as `/proc/self/status` gives it (`0-1`).
    private static func allowedCPUList() throws -> String {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            throw Failure(description: "no Cpus_allowed_list in /proc/self/status")
        }
        return line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
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
