import Foundation
import Synchronization

/// What the signal tests need to look at processes: which of a group still run, and a run of the binary whose
/// stdout reader goes away early.
extension SignalTests {
    /// Processes of group `pgid` that are still running (zombies, which no longer run, are not counted: this
    /// machine's init may reap them late).
    static func liveProcesses(inGroup pgid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let (state, group) = stat(pid) else { return false }
            return group == pgid && state != "Z"
        }
    }

    /// True when `pid` exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let (state, _) = stat(pid) else { return false }
        return state != "Z"
    }

    /// The state letter and process group of `pid`, from `/proc/PID/stat`; nil when it does not exist.
    private static func stat(_ pid: pid_t) -> (state: String, group: pid_t)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let group = pid_t(fields[2]) else { return nil }
        return (String(fields[0]), group)
    }

    /// Runs the binary with its stdout to a pipe of which one line is read before the read end is closed (as
    /// `| head -1` does); returns its exit status and that line.
    static func runReadingOneLine(_ arguments: [String], in folder: URL) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "1"
        environment["GITHUB_STEP_SUMMARY"] = nil
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = stdout.fileHandleForReading
        let line: String = await withCheckedContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while bytes.last != UInt8(ascii: "\n"), let byte = try? reader.read(upToCount: 1), let first = byte.first {
                    bytes.append(first)
                }
                try? reader.close()
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }.start()
        }
        try? stdout.fileHandleForWriting.close()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            process.terminate()
        }
        await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
        watchdog.cancel()
        return (process.terminationStatus, line)
    }
}

/// Waits (at most `timeout`) until `file` exists and is not empty.
func waitForFile(_ file: URL, timeout: Duration = .seconds(15)) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int, size > 0 { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return false
}

/// When the first signal was sent, for how long the run took after it.
final class SignalClock: Sendable {
    private let marked = Mutex<ContinuousClock.Instant?>(nil)

    func mark() { marked.withLock { $0 = .now } }

    func secondsSinceMark() -> Double {
        guard let start = marked.withLock({ $0 }) else { return .infinity }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
