import Foundation
import LoadRunnerCommands
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerEngine
import LoadRunnerText
import Synchronization

/// Runs profiles written inline, with their commands, against real local servers and collects what the run reported.
enum EngineHarness {
    /// Loads `yaml` (its target replaced by `target`) with files in a fresh temporary folder.
    static func profile(_ yaml: String, target: String, files: [String: String] = [:]) throws -> Profile {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent("profile.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProfileLoader(files: DiskFiles()).load(path: path, targetOverride: target)
    }

    /// Runs `profile`'s load with its commands beside it, as `loadrunner run` does.
    static func run(_ profile: Profile, stop: StopSignal = StopSignal(), loops: Int? = nil) async throws -> (RunResult, RecordingObserver) {
        let observer = RecordingObserver()
        let engine = LoadEngine(profile: profile, options: EngineOptions(loops: loops, commandLine: ["test"], loadRunnerVersion: "test"))
        let result = try await engine.run(observer: observer, stop: stop, commands: RunningCommands())
        return (result, observer)
    }
}

/// Keeps every sample and problem the engine reports.
final class RecordingObserver: RunObserver {
    private let state = Mutex<(samples: [SecondSample], problems: [String], notes: [String], started: Bool)>(([], [], [], false))

    func runStarted(at date: Date) { state.withLock { $0.started = true } }
    func secondCompleted(_ sample: SecondSample) { state.withLock { $0.samples.append(sample) } }
    /// Warnings go to `problems`, notes to `notes` (their message only).
    func report(_ diagnostic: Diagnostic) {
        state.withLock {
            if diagnostic.severity == .note { $0.notes.append(diagnostic.message) } else { $0.problems.append(diagnostic.message) }
        }
    }

    var samples: [SecondSample] { state.withLock { $0.samples } }
    var problems: [String] { state.withLock { $0.problems } }
    var notes: [String] { state.withLock { $0.notes } }
    var started: Bool { state.withLock { $0.started } }
}
