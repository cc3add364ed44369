import Foundation
import LoadRunnerModel
import LoadRunnerEngine
import LoadRunnerTestSupport
import Synchronization
import Testing

/// The engine alone (this test target does not link `LoadRunnerCommands`) and its run phases.
@Suite(.serialized) struct RunPhasesTests {
    @Test func theEngineRunsAProfileWithCommandsWithoutTheCommandsTarget() async throws {
        try await TestHTTPServer.withServer { server in
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("lr-phases-\(UUID().uuidString)").path
            let profile = try EngineHarness.profile("""
                name: no-commands
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 2, spawn_rate: 100, duration: 1s }
                actions:
                  - { name: touch, at: 100ms, run: "touch \(marker)" }
                checks:
                  - { name: nothing failed, run: "echo 0", equals: 0 }
                """, target: server.baseURL)
            let (result, _) = try await EngineHarness.run(profile)
            #expect(result.stages[0].aggregated.requests > 0)
            #expect(!result.interrupted)
            #expect(result.actions == nil && result.checks == nil && result.commandMonitors == nil)
            #expect(!FileManager.default.fileExists(atPath: marker))
        }
    }

    @Test func phasesAreToldOfTheStartEachSecondEachStageAndTheEnd() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: phases
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, spawn_rate: 100, duration: 1s }
                  - { users: 1, spawn_rate: 100, duration: 1s }
                """, target: server.baseURL)
            let phases = RecordingPhases()
            let engine = LoadEngine(profile: profile, options: EngineOptions(commandLine: ["test"], loadRunnerVersion: "test"))
            let load = try await engine.measure(observer: RecordingObserver(), stop: StopSignal(), phases: phases)
            #expect(phases.events.first == "started" && phases.events.last == "load ended")
            #expect(phases.events.contains("stage 1 ended"))
            #expect(phases.events.filter { $0.hasPrefix("second") }.count == load.series.count)
            #expect(!load.interrupted && load.stopReason == nil)
        }
    }

    @Test func phasesCanEndTheLoadEarly() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: stopped-by-phases
                target: http://127.0.0.1:1
                requests:
                  - { name: ok, path: /ok }
                stages:
                  - { users: 1, spawn_rate: 100, duration: 30s }
                """, target: server.baseURL)
            let phases = RecordingPhases(stopAfterSeconds: 1)
            let engine = LoadEngine(profile: profile, options: EngineOptions(commandLine: ["test"], loadRunnerVersion: "test"))
            let load = try await engine.measure(observer: RecordingObserver(), stop: StopSignal(), phases: phases)
            #expect(load.stopReason == "enough")
            #expect(!load.interrupted && load.abortedBy == nil)
            #expect(load.endSeconds < 10)
            let result = RunResultAssembler.assemble(load, outcomes: RunOutcomes(), stopped: false)
            #expect(result.stages[0].cutShort == true)
            #expect(!result.interrupted)
        }
    }
}

/// Writes down each phase it is told of; can end the load after some seconds.
private final class RecordingPhases: RunPhases {
    private let state = Mutex<(events: [String], run: LoadRun?)>(([], nil))
    private let stopAfterSeconds: Int?

    init(stopAfterSeconds: Int? = nil) { self.stopAfterSeconds = stopAfterSeconds }

    var events: [String] { state.withLock { $0.events } }

    func started(_ run: LoadRun) { state.withLock { $0.events.append("started"); $0.run = run } }

    func secondCompleted(_ sample: SecondSample) {
        let run = state.withLock { state in
            state.events.append("second \(sample.second)")
            return state.run
        }
        if let stopAfterSeconds, sample.second + 1 >= stopAfterSeconds { run?.stopLoad(reason: "enough") }
    }

    func stageEnded(number: Int) { state.withLock { $0.events.append("stage \(number) ended") } }

    func loadEnded() async { state.withLock { $0.events.append("load ended") } }
}
