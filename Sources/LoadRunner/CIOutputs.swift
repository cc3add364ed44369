import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// The files CI systems read: JUnit XML (`--junit`) and GitHub's step summary (`$GITHUB_STEP_SUMMARY`).
enum CIOutputs {
    /// Writes `report` to `path`; a failure is printed, not fatal (the results are already written).
    static func writeJUnit(_ report: JUnitReport, to path: String?, console: Console) {
        guard let path else { return }
        do {
            try Data(report.render().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            console.report(CLIMessages.cannotWriteCIFile(path, reason: OutputFolder.reason(error)))
        }
    }

    /// Why `path` cannot take the JUnit file, checked before anything is sent; nil when it can. Since the file is
    /// written atomically (a temporary file renamed over it), its folder must exist and be writable.
    static func junitProblem(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return CLIMessages.junitIsFolder()
        }
        let parent = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            return CLIMessages.junitFolderMissing(parent)
        }
        guard access(parent, W_OK) == 0 else {
            return CLIMessages.junitFolderUnwritable(parent, reason: OutputFolder.reason(errno: errno))
        }
        return nil
    }

    /// Appends `markdown` to the file named by `$GITHUB_STEP_SUMMARY`, when set.
    static func appendStepSummary(_ markdown: String, console: Console) {
        guard let path = console.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        do {
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown.hasSuffix("\n") ? markdown : markdown + "\n").utf8))
        } catch {
            console.report(CLIMessages.cannotWriteCIFile(path, reason: OutputFolder.reason(error)))
        }
    }

    /// A run's step summary: the per-stage table and the thresholds, in a few lines.
    static func runSummary(_ result: RunResult, folder: String) -> String {
        var text = "### LoadRunner: \(result.provenance.profileName)\n\n"
        text += "Target `\(result.provenance.target)`; results in `\(folder)`.\n\n"
        text += "```text\n" + ConsoleSummary.render(result) + "```\n"
        return text
    }
}
