import Foundation

/// Runs a program to its end without blocking the cooperative thread pool, for test setup (initdb, pg_ctl, psql).
enum ChildProcess {
    /// What a finished program printed and how it ended.
    struct Outcome: Sendable {
        var status: Int32
        /// Standard output and standard error together.
        var output: String
    }

    /// A program that exited with a status other than 0.
    struct Failed: Error, CustomStringConvertible {
        var command: [String]
        var outcome: Outcome
        var description: String { "\(command.joined(separator: " ")) exited \(outcome.status): \(outcome.output)" }
    }

    /// Runs `arguments[0]` with the rest as its arguments and waits for it to exit.
    static func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        // A file, not a pipe: a program that prints more than a pipe holds would wait for a reader forever.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("lab-test-\(UUID().uuidString).out").path
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              let output = FileHandle(forWritingAtPath: outputPath) else { throw CocoaError(.fileWriteUnknown) }
        defer {
            try? output.close()
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        return Outcome(status: status, output: text)
    }

    /// Runs `arguments` and returns its output; throws ``Failed`` unless it exits 0.
    @discardableResult
    static func succeed(_ arguments: [String], environment: [String: String]? = nil) async throws -> String {
        let outcome = try await run(arguments, environment: environment)
        guard outcome.status == 0 else { throw Failed(command: arguments, outcome: outcome) }
        return outcome.output
    }
}
