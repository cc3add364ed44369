import Foundation
import LoadRunnerCommands
import LoadRunnerEngine
import LoadRunnerLive
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// One `run` invocation: load the profile, prepare the output folder, run the engine with live
/// progress and signal handling, write every result file, and pick the exit status.
struct RunSession {
    var profilePath: String
    var targetOverride: String?
    var outputFolder: String?
    var quiet: Bool
    var loops: Int?
    /// `--seed`; it wins over the profile's `seed:`, and without either a seed is drawn.
    var seed: UInt64? = nil
    var junitPath: String?
    /// `--csv-full-history`: Locust's full-history layout for `locust_stats_history.csv`.
    var csvFullHistory = false
    /// `--shard`, `--shards`, `--start-at`: which part of a sharded run this is, and when its load starts.
    var shardOptions = ShardOptions()
    /// Refuse a profile that runs commands of its own (`--no-actions`).
    var refuseCommands = false
    /// With `refuseCommands`: the environment variables (`--allow-env`) and files (`--allow-file`) it may read.
    var allowedEnvironment: [String] = []
    var allowedFiles: [String] = []
    var commandLine: [String]
    var console: Console
    /// `--listen`: the live view's state, fed while the run goes; nil when off.
    var live: LiveBoard? = nil
    /// `--out-prometheus`: pushes each second's live state; nil when off.
    var pusher: RemoteWritePusher? = nil

    func run() async -> ExitStatus {
        let selection: ShardOptions.Selection
        switch shardOptions.select(environment: console.environment, nowUnixMicros: RunResult.unixMicros(Date())) {
        case .success(let selected): selection = selected
        case .failure(let refusal):
            refusal.problems.forEach(console.report)
            return .shardRefused
        }
        guard let loaded = ProfileLoading.load(path: profilePath, targetOverride: targetOverride, console: console) else {
            return .usageOrProfileError
        }
        var shard: ShardInfo?
        if let plan = selection.plan {
            let problems = ShardedProfile.refusals(loaded, plan: plan)
            guard problems.isEmpty else {
                problems.forEach(console.report)
                return .shardRefused
            }
            console.line(CLIMessages.shardStarting(plan, thresholds: loaded.thresholds.count, startAt: selection.startAtUnixMicros))
            let bytes = FileManager.default.contents(atPath: profilePath) ?? Data()
            shard = ShardInfo(index: plan.index, count: plan.count, profileHash: "sha256:" + SHA256.hex(bytes))
            pusher?.label(shard: plan)
        }
        let profile = selection.plan.map { ShardedProfile.own(loaded, plan: $0) } ?? loaded
        let plan: ResultFolder
        switch preflight(profile) {
        case .proceed(let planned): plan = planned
        case .refuse(let status): return status
        }
        let folder = plan.path
        let history: HistoryFile
        do {
            try plan.prepare()
            history = try HistoryFile(path: plan.workingPath + "/" + HistoryFile.fileName, fullHistory: csvFullHistory)
        } catch {
            plan.discard()
            console.report(CLIMessages.cannotCreateOutput(folder, reason: OutputFolder.reason(error)))
            return .outputFailure
        }

        let seed = self.seed ?? profile.seed ?? UInt64.random(in: 0...ProfileLimits.maxSeed)
        let stop = StopSignal()
        let commands = RunningCommands()
        let resultFile = ResultFileGuard()
        let startTime = Date()
        let minimal: @Sendable () -> RunResult = { [commandLine] in
            MinimalResult.make(
                profile: profile, commandLine: commandLine, version: LoadRunnerCommand.version, startTime: startTime,
                endTime: Date(), seed: seed)
        }
        let signals = SignalTrap(stop: stop, commands: commands, console: console) {
            // Into the working folder, which then takes the place of an earlier result it replaces (never mixed in).
            resultFile.exitAfterMinimalWrite(status: ExitStatus.interrupted.rawValue) {
                if MinimalResult.write(minimal(), to: plan.workingPath) { try? plan.publish() }
            }
        }
        defer { signals.cancel() }
        let progress = RunProgress(console: console, quiet: quiet, history: history, stages: profile.stages)
        // --out-prometheus pushes the live state: it needs a board even without --listen.
        let board = live ?? (pusher == nil ? nil : LiveBoard())
        board?.prepare(profile)
        let observer: any RunObserver = board.map { LiveObserver(forwardingTo: progress, board: $0, pusher: pusher) } ?? progress
        console.line(CLIMessages.starting(profile, outputFolder: folder))

        let engine = LoadEngine(profile: profile, options: EngineOptions(
            loops: loops, seed: seed, commandLine: commandLine, loadRunnerVersion: LoadRunnerCommand.version, shard: shard,
            startAtUnixMicros: selection.startAtUnixMicros))
        let result: RunResult
        do {
            result = try await engine.run(observer: observer, stop: stop, commands: commands)
        } catch {
            progress.finish()
            history.close()
            plan.discard()
            console.report(CLIMessages.engineFailed(error))
            if case .interrupted = error { return .interrupted }
            if case .unsupported = error { return .usageOrProfileError }
            return .targetOrSetupFailure
        }
        progress.finish()
        history.close()

        // A second signal from here on waits for these files rather than writing its minimal one over them.
        var publishError: (any Error)?
        let written: Result<Void, RunOutputsError> = resultFile.writeFull {
            Result { () throws(RunOutputsError) in try RunOutputs.write(result, to: plan.workingPath) }
                .map { do { try plan.publish() } catch { publishError = error } }
        }
        if case .failure(let error) = written {
            // What was measured must not be lost: keep it where it can still be written, and say where.
            let fallback = FileManager.default.temporaryDirectory.path + "/loadrunner-" + Self.timestamp(Date())
            let saved = (try? RunOutputs.write(result, to: fallback)) != nil
            console.report(CLIMessages.cannotWriteResults(folder, reason: error.description, savedTo: saved ? fallback : nil))
            return .outputFailure
        }
        if let publishError {
            console.report(CLIMessages.cannotPublish(folder, workingFolder: plan.workingPath, reason: OutputFolder.reason(publishError)))
            return .outputFailure
        }
        // Absolute, so the dashboard's link to the report works from the browser.
        live?.finish(reportFolder: URL(fileURLWithPath: folder).standardizedFileURL.path)
        console.writeOut(ConsoleSummary.render(result))
        console.line(CLIMessages.resultsWritten(folder, interrupted: result.interrupted))
        CIOutputs.writeJUnit(RunJUnit.report(for: result), to: junitPath, console: console)
        CIOutputs.appendStepSummary(CIOutputs.runSummary(result, folder: folder), console: console)
        return RunVerdict.status(of: result, console: console)
    }

    /// `Reports/<profile name as a slug>-<UTC time>`.
    static func defaultFolder(for profile: Profile, at date: Date) -> String {
        let slug = profile.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return "Reports/\(slug.isEmpty ? "run" : slug)-\(timestamp(date))"
    }

    /// UTC time for folder names, e.g. `20261121-061500`.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
