import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// One `ab` invocation: plan the folder, run the rounds in A B B A order with the same seed, write each round's
/// result.json as it ends, then judge the complete pairs and write `ab.json` and `ab.md`.
struct AbSession {
    /// The profile with target A, and with target B.
    var baseline: Profile
    var candidate: Profile
    var pairs: Int
    var seed: UInt64
    var budgets: [Budget]
    var outputFolder: String
    var loops: Int?
    var commandLine: [String]
    var console: Console

    func run() async -> ExitStatus {
        let plan: ResultFolder
        switch ResultFolder.plan(outputFolder) {
        case .success(let planned): plan = planned
        case .failure(let refusal):
            console.report(CLIMessages.outputRefused(refusal, nothingSent: true))
            return .outputFailure
        }
        do {
            try plan.prepare()
        } catch {
            console.report(CLIMessages.cannotCreateOutput(outputFolder, reason: OutputFolder.reason(error)))
            return .outputFailure
        }
        if baseline.runsCommands { console.report(CLIMessages.abSkipsCommands(baseline)) }
        console.line(CLIMessages.abStarting(
            baseline, baseline: baseline.target.description, candidate: candidate.target.description, pairs: pairs,
            seed: seed, folder: outputFolder))

        let signals = AbSignals(console: console)
        defer { signals.cancel() }
        let sides = RoundOrder.sides(pairs: pairs)
        var results: [Int: (baseline: RunResult?, candidate: RunResult?)] = [:]
        var folders: [String] = []
        var failure: ExitStatus?
        for (round, side) in sides.enumerated() where !signals.stopRequested {
            let pair = RoundOrder.pair(ofRound: round)
            let engine = LoadEngine(profile: side == .baseline ? baseline : candidate, options: EngineOptions(
                loops: loops, seed: seed, commandLine: commandLine, loadRunnerVersion: LoadRunnerCommand.version))
            let result: RunResult
            do {
                result = try await engine.run(observer: AbRoundObserver(console: console), stop: signals.now)
            } catch {
                console.report(CLIMessages.engineFailed(error))
                if case .interrupted = error { failure = .interrupted } else if case .unsupported = error {
                    failure = .usageOrProfileError
                } else { failure = .targetOrSetupFailure }
                break
            }
            let folder = AbRunInfo.roundFolder(pair: pair, side: side)
            do {
                try OutputFolder.write(
                    [(RunOutputs.resultJSON, try ResultJSON.encode(result))], to: OutputFolder.path(folder, in: plan.workingPath))
            } catch {
                console.report(CLIMessages.cannotWriteOutputs(outputFolder, reason: "\(error)"))
                return .outputFailure
            }
            folders.append(folder)
            console.line(CLIMessages.abRoundDone(
                round + 1, of: sides.count, pair: pair + 1, side: side == .baseline ? "A" : "B", result: result))
            guard !result.interrupted else { continue }
            if side == .baseline { results[pair, default: (nil, nil)].baseline = result } else {
                results[pair, default: (nil, nil)].candidate = result
            }
        }
        if let failure, folders.isEmpty {
            // Nothing was measured: leave no folder behind, as `run` does.
            plan.discard()
            return failure
        }
        let complete = results.keys.sorted().compactMap { pair in
            results[pair].flatMap { entry in entry.baseline.flatMap { a in entry.candidate.map { (pair, a, $0) } } }
        }
        let comparison = PairedComparator(budgets: budgets, seed: seed).compare(
            pairs: complete.map { (baseline: $0.1, candidate: $0.2) }, firstSides: complete.map { sides[2 * $0.0] })
        let interrupted = signals.stopRequested
        let info = AbRunInfo(
            profileName: baseline.name, baselineTarget: baseline.target.description,
            candidateTarget: candidate.target.description, seed: seed, roundsPlanned: pairs, roundFolders: folders,
            interrupted: interrupted)
        do {
            let files: [(name: String, data: Data)] = [
                (AbJSON.fileName, try AbJSON.encode(comparison, run: info)),
                (AbReport.markdownFileName, Data(MarkdownWriter.render(AbReport.document(comparison, run: info)).utf8)),
            ]
            try OutputFolder.write(files, to: plan.workingPath)
            try plan.publish()
        } catch {
            console.report(CLIMessages.cannotWriteOutputs(outputFolder, reason: "\(error)"))
            return .outputFailure
        }
        console.writeOut(ConsoleWriter.render(AbReport.document(comparison, run: info, rounds: false)))
        console.line(CLIMessages.abResultsWritten(outputFolder, interrupted: interrupted))
        if let failure { return failure }
        if interrupted { return .interrupted }
        return comparison.failed ? .regression : .success
    }
}
