import ArgumentParser
import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// `LoadRunner report RESULT`: rebuilds every human-readable output of a run from its result.json.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a run's reports, CSV files and charts from its result.json.",
        discussion: "RESULT is a run folder or its result.json. Exit 64 when it is not a LoadRunner result.")

    @Argument(help: "A run folder or its result.json.")
    var result: String

    @Option(help: "Folder to write into (default: the result's own folder).")
    var out: String?

    @Flag(help: "Rebuild locust_stats_history.csv in Locust's full-history layout: a row per request name each second too.")
    var csvFullHistory = false

    func run() throws {
        let console = Console.standard()
        guard let (result, folder) = ResultLoading.load(result, console: console) else {
            throw ExitStatus.usageOrProfileError.exitCode
        }
        let target = out ?? folder
        let write = { (directory: String) throws(RunOutputsError) in
            try RunOutputs.write(result, to: directory)
            try HistoryFile.rewrite(result.series, fullHistory: csvFullHistory, in: directory)
        }
        if out == nil {
            // Rebuilding in the result's own folder rewrites the same run's files in place.
            do {
                try write(target)
            } catch {
                console.report(CLIMessages.cannotWriteOutputs(target, reason: error.description))
                throw ExitStatus.outputFailure.exitCode
            }
        } else {
            try ResultFolder.write(to: target, console: console, write)
        }
        console.line(CLIMessages.reportsRebuilt(target))
    }
}

/// Reads a result.json named directly or through its run folder, printing what is wrong.
enum ResultLoading {
    /// The decoded result and the folder it came from, or nil (the problem already printed).
    static func load(_ argument: String, console: Console) -> (RunResult, String)? {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
        let path = isFolder.boolValue ? (argument as NSString).appendingPathComponent(RunOutputs.resultJSON) : argument
        guard exists, let data = FileManager.default.contents(atPath: path) else {
            console.report(CLIMessages.noResult(path))
            return nil
        }
        do {
            return (try ResultJSON.decode(data, source: path), (path as NSString).deletingLastPathComponent)
        } catch {
            console.report(CLIMessages.unreadableResult(error.description))
            return nil
        }
    }
}
