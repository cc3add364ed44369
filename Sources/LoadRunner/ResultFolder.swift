import ArgumentParser
import Foundation
import LoadRunnerReports
import LoadRunnerText

/// Where a command's result files go, decided before anything is sent, so two runs never mix in one folder.
///
/// A missing folder is created; an empty one is used; a folder holding only files LoadRunner writes (an earlier
/// run or comparison) is replaced wholly: the new files go to a hidden sibling (`.<name>.tmp-<pid>`) that takes
/// the old folder's place once complete. A folder holding anything else is refused.
struct ResultFolder {
    /// How the folder is used.
    enum Mode: Equatable {
        /// It did not exist: created by `prepare()`, removed by `discard()`.
        case create
        /// It exists and is empty: written into directly; `discard()` empties it again.
        case useEmpty
        /// It holds an earlier LoadRunner result: written beside it, then swapped in by `publish()`.
        case replace
    }

    /// Why a folder cannot take the results; worded by `CLIMessages.outputRefused`.
    enum Refusal: Error, Equatable {
        case notAFolder(String)
        case holdsOtherFiles(String, names: [String])
        case unreadable(String, reason: String)
    }

    /// The folder the results end up in.
    let path: String
    let mode: Mode
    /// Where the files are written while the command runs: `path`, or the hidden sibling when replacing.
    let workingPath: String

    /// Checks `path` and decides how to use it; nothing is created yet.
    static func plan(_ path: String, processID: Int32 = getpid()) -> Result<ResultFolder, Refusal> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .success(ResultFolder(path: path, mode: .create, workingPath: path))
        }
        guard isFolder.boolValue else { return .failure(.notAFolder(path)) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            return .failure(.unreadable(path, reason: OutputFolder.reason(error)))
        }
        if names.isEmpty { return .success(ResultFolder(path: path, mode: .useEmpty, workingPath: path)) }
        let foreign = names.filter { !isLoadRunnerFile($0, in: path) }
        guard foreign.isEmpty else { return .failure(.holdsOtherFiles(path, names: foreign)) }
        // Split by hand: Foundation's `deletingLastPathComponent` traps on one-character names such as "o".
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let slash = trimmed.lastIndex(of: "/")
        let parent = slash.map { trimmed[...$0] } ?? ""
        let name = slash.map { trimmed[trimmed.index(after: $0)...] } ?? trimmed
        return .success(ResultFolder(path: path, mode: .replace, workingPath: parent + "." + name + ".tmp-\(processID)"))
    }

    /// True for the names LoadRunner writes into a run or comparison folder; a `result.json` counts only
    /// when it is a LoadRunner result (it has `schemaVersion` and `provenance`).
    static func isLoadRunnerFile(_ name: String, in folder: String) -> Bool {
        if name == RunOutputs.resultJSON {
            guard let data = FileManager.default.contents(atPath: OutputFolder.path(name, in: folder)) else { return false }
            return ResultJSON.isResult(data)
        }
        return OutputFile.isListed(name)
    }

    /// Creates the working folder (and the parents of `path`).
    func prepare() throws {
        try FileManager.default.createDirectory(atPath: workingPath, withIntermediateDirectories: true)
    }

    /// Puts the finished working folder in place: when replacing, the old folder is renamed aside, the new one
    /// renamed in, and the old one deleted, so nothing of the earlier result stays.
    func publish() throws {
        guard mode == .replace else { return }
        let aside = workingPath + ".old"
        try FileManager.default.moveItem(atPath: path, toPath: aside)
        do {
            try FileManager.default.moveItem(atPath: workingPath, toPath: path)
        } catch {
            try? FileManager.default.moveItem(atPath: aside, toPath: path)
            throw error
        }
        try? FileManager.default.removeItem(atPath: aside)
    }

    /// Removes what this command created (a failed setup leaves no folder behind); an empty folder that
    /// was given stays, emptied again.
    func discard() {
        switch mode {
        case .create, .replace:
            try? FileManager.default.removeItem(atPath: workingPath)
        case .useEmpty:
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                try? FileManager.default.removeItem(atPath: OutputFolder.path(name, in: path))
            }
        }
    }
}

extension ResultFolder {
    /// Plans `path`, lets `write` fill the working folder, and publishes it: the policy of `compare --out` and
    /// `report --out`. Prints the reason and throws exit 74 when the folder is refused or cannot be written.
    static func write(
        to path: String, console: Console, _ write: (String) throws(RunOutputsError) -> Void
    ) throws(ExitCode) {
        let plan: ResultFolder
        switch Self.plan(path) {
        case .success(let planned): plan = planned
        case .failure(let refusal):
            console.report(CLIMessages.outputRefused(refusal))
            throw ExitStatus.outputFailure.exitCode
        }
        do {
            try write(plan.workingPath)
        } catch {
            if plan.mode == .replace { plan.discard() }
            console.report(CLIMessages.cannotWriteOutputs(path, reason: error.description))
            throw ExitStatus.outputFailure.exitCode
        }
        do {
            try plan.publish()
        } catch {
            console.report(CLIMessages.cannotPublish(path, workingFolder: plan.workingPath, reason: OutputFolder.reason(error)))
            throw ExitStatus.outputFailure.exitCode
        }
    }
}
