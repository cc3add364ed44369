import Foundation
import LoadRunnerEngine
import LoadRunnerReports
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerTestSupport
import LoadRunnerText
import Synchronization

/// Runs profiles written inline against real local servers and collects what the engine reported.
enum EngineHarness {
    /// Loads `yaml` (its target replaced by `target`) with files in a fresh temporary folder.
    static func profile(_ yaml: String, target: String, files: [String: String] = [:]) throws -> Profile {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lr-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent("profile.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProfileLoader(files: DiskFiles()).load(path: path, targetOverride: target)
    }

    /// Whether the machine kept time during `stage`: a timer on Swift's task pool, measured beside the curl loops,
    /// fired at most 2 ms late at p99. Send lags of a few milliseconds are judged only then: on a machine that keeps
    /// no time (other processes holding both cores), the lag is the machine's, not the generator's.
    static func machineKeptTime(_ stage: StageResult) -> Bool { stage.generator.schedulingLagP99Micros <= 2_000 }

    static func run(_ profile: Profile, stop: StopSignal = StopSignal(), loops: Int? = nil) async throws -> (RunResult, RecordingObserver) {
        let observer = RecordingObserver()
        let engine = LoadEngine(profile: profile, options: EngineOptions(loops: loops, commandLine: ["test"], loadRunnerVersion: "test"))
        let result = try await engine.run(observer: observer, stop: stop)
        let problems = ResultSchema.problems(inResult: try ResultJSON.encode(result))
        guard problems.isEmpty else { throw ResultSchemaViolation(problems: problems) }
        return (result, observer)
    }
}

/// A result the engine assembled does not conform to `docs/result.schema.json`.
struct ResultSchemaViolation: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { "result.json does not match docs/result.schema.json:\n" + problems.joined(separator: "\n") }
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

extension RunResult {
    /// Every request recorded in any stage window, per request name.
    func windowRequests(named name: String) -> RequestStats {
        var total = RequestStats(name: name, method: "")
        for stage in stages { for stats in stage.requests where stats.name == name { total.add(stats) } }
        return total
    }
}
