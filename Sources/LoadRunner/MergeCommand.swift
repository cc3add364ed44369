import ArgumentParser
import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports

/// `LoadRunner merge DIR... --out DIR`: adds the results of a sharded run's parts into the result of the whole and
/// writes every output of a run for it; thresholds and the exit status are judged on the merged result.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results of a sharded run (run --shard I/N or --shards N) into one result and its reports.",
        discussion: """
            Each SHARD is a shard's run folder (or its result.json). The shards must be every index of one launch: the \
            same profile (hash), seed, shard count and common start, none interrupted; otherwise nothing is written \
            and the exit status is \(ExitStatus.mergeRefused.rawValue), with every problem named. Histograms add \
            exactly, per stage and request and per second on the common time axis; a stage is saturated if any \
            shard's generator was. The profile's thresholds are judged on the merged result, and the exit status is \
            then as for run (99: a threshold failed). See docs/distributed.md.
            """)

    @Argument(help: "The shards' run folders (or their result.json files).")
    var shards: [String]

    @Option(help: "Folder to write the merged result and reports into.")
    var out: String

    func run() throws {
        let console = Console.standard()
        var parts: [ShardPart] = []
        for argument in shards {
            guard let (result, _) = ResultLoading.load(argument, console: console) else {
                throw ExitStatus.usageOrProfileError.exitCode
            }
            parts.append(ShardPart(source: argument, result: result))
        }
        var merged: RunResult
        do {
            merged = try ShardMerger.merge(parts)
        } catch {
            for problem in error.problems { console.report(CLIMessages.shardsRefused(problem)) }
            console.report(CLIMessages.shardsRefusedSummary(error.problems.count))
            throw ExitStatus.mergeRefused.exitCode
        }
        let provenance = merged.provenance
        do {
            let specs = try ProfileLoader(environment: [:], files: DiskFiles())
                .thresholds(text: provenance.profileText, path: provenance.profilePath)
            merged.evaluateThresholds(specs)
        } catch {
            console.report(CLIMessages.mergeThresholdsUnreadable(shards[0]))
            throw ExitStatus.usageOrProfileError.exitCode
        }
        let result = merged
        try ResultFolder.write(to: out, console: console) { (directory: String) throws(RunOutputsError) in
            try RunOutputs.write(result, to: directory)
            try HistoryFile.rewrite(result.series, fullHistory: false, in: directory)
        }
        console.writeOut(ConsoleSummary.render(result))
        console.line(CLIMessages.merged(parts.count, into: out))
        let status = RunVerdict.status(of: result, console: console)
        if status != .success { throw status.exitCode }
    }
}
