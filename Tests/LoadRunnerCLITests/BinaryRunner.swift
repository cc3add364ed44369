import Foundation
import LoadRunnerTestSupport

/// Runs the built `LoadRunner` binary as a user would: arguments in; stdout, stderr and exit code out.
struct BinaryRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built products folder: the test bundle sits beside the executables.
    static var productsFolder: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 && !FileManager.default.fileExists(atPath: url.appendingPathComponent("LoadRunner").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    static var binary: URL { productsFolder.appendingPathComponent("LoadRunner") }

    /// Runs the binary (through `launcher`, e.g. `prlimit ...`, when given); `interruptAfter` sends SIGINT
    /// after that long; `duringRun` is given the process id while it runs (to send it signals when something
    /// happened). Always bounded by `timeout`.
    static func run(
        _ arguments: [String], in folder: URL? = nil, launcher: [String] = [], environment extra: [String: String] = [:],
        interruptAfter: Duration? = nil, duringRun: (@Sendable (pid_t) async -> Void)? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> Output {
        let process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "1"
        environment["GITHUB_STEP_SUMMARY"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let watchdog = Task {
            if let interruptAfter {
                try await Task.sleep(for: interruptAfter)
                process.interrupt()
            }
            if let duringRun { await duringRun(process.processIdentifier) }
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        async let out = readToEnd(stdout)
        async let err = readToEnd(stderr)
        let (outData, errData) = await (out, err)
        process.waitUntilExit()
        watchdog.cancel()
        try checkWrittenResults(arguments, in: folder)
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Every `result.json` the run may have written (in its folder, its `--out` folder, or a folder named on
    /// the command line) must conform to `docs/result.schema.json`.
    private static func checkWrittenResults(_ arguments: [String], in folder: URL?) throws {
        let base = folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var folders = folder.map { [$0] } ?? []
        for argument in arguments where !argument.hasPrefix("-") {
            let url = argument.hasPrefix("/") ? URL(fileURLWithPath: argument) : base.appendingPathComponent(argument)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { folders.append(url) }
        }
        let problems = ResultSchema.problems(inFiles: ResultSchema.resultFiles(in: folders))
        guard problems.isEmpty else { throw ResultSchemaViolation(problems: problems) }
    }

    /// Reads a pipe to its end on a thread of its own: a blocking read must not hold one of the few
    /// threads of Swift's task pool (the watchdog needs one to send its signal).
    private static func readToEnd(_ pipe: Pipe) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile()) }.start()
        }
    }

    /// A fresh temporary folder holding `files`.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }
}

/// A result the binary wrote does not conform to `docs/result.schema.json`.
struct ResultSchemaViolation: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { "result.json does not match docs/result.schema.json:\n" + problems.joined(separator: "\n") }
}
