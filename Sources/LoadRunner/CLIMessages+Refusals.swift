import LoadRunnerModel
import LoadRunnerText

/// The command line's messages about what it refuses before sending anything (output paths, what an untrusted
/// profile reads) and about a run that measured no working service; part of `CLIMessages`.
extension CLIMessages {
    /// `--junit` refused before the work; `run` adds that nothing was sent.
    static func junitRefused(_ path: String, reason: String, nothingSent: Bool = true) -> Diagnostic {
        .error("--junit \(path): \(reason)" + (nothingSent ? "; nothing was sent" : ""),
               hint: "give a file path in an existing, writable folder")
    }

    static func junitIsFolder() -> String { "it is a folder, not a file" }

    static func junitFolderMissing(_ folder: String) -> String { "its folder \(folder) does not exist" }

    static func junitFolderUnwritable(_ folder: String, reason: String) -> String { "its folder \(folder) cannot be written (\(reason))" }

    /// `--out` refused; `run` adds that nothing was sent.
    static func outputRefused(_ refusal: ResultFolder.Refusal, nothingSent: Bool = false) -> Diagnostic {
        let (text, hint) = switch refusal {
        case .notAFolder(let path):
            ("--out \(path) is a file, not a folder", "choose an empty or new folder")
        case .holdsOtherFiles(let path, let names):
            ("--out \(path) holds files that are not LoadRunner results (\(listed(names)))",
             "LoadRunner replaces only folders of its own results, so choose an empty or new folder")
        case .unreadable(let path, let reason):
            ("--out \(path) cannot be read (\(reason))", "choose another folder")
        }
        return .error(text + (nothingSent ? "; nothing was sent" : ""), hint: hint)
    }

    static func cannotPublish(_ folder: String, workingFolder: String, reason: String) -> Diagnostic {
        .error("the results were written to \(workingFolder) but could not replace \(folder): \(reason)",
               hint: "they are complete there: move them yourself")
    }

    /// What an untrusted profile reads that `--no-actions` refuses, and how to allow each.
    static func readsRefused(_ profile: Profile, environment: [String], files: [String]) -> Diagnostic {
        var parts: [String] = []
        if !environment.isEmpty {
            parts.append("environment variables \(environment.joined(separator: ", ")) "
                + "(allow with \(environment.map { "--allow-env \($0)" }.joined(separator: " ")))")
        }
        if !files.isEmpty {
            parts.append("files outside its folder \(files.joined(separator: ", ")) "
                + "(allow with \(files.map { "--allow-file \($0)" }.joined(separator: " ")))")
        }
        return .error("\(profile.sourcePath) reads \(parts.joined(separator: " and ")), which --no-actions refuses "
            + "because a profile could send them to its target; nothing was sent")
    }

    /// `validate`'s lines about what the profile reads from this machine; empty when it reads nothing.
    static func readsOf(_ profile: Profile) -> [String] {
        var lines: [String] = []
        if !profile.environmentReads.isEmpty {
            lines.append("reads environment variables: \(profile.environmentReads.joined(separator: ", "))")
        }
        let outside = profile.filesReadOutsideFolder
        if !outside.isEmpty { lines.append("reads files outside its folder: \(outside.joined(separator: ", "))") }
        return lines
    }

    static func noRequestSucceeded(_ totals: RequestStats, inFlight: Int) -> Diagnostic {
        let categories = totals.failuresByCategory.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { "\($0.key.rawValue) \(ReportNumber.trimmed(100 * Double($0.value) / Double(max(1, totals.failures)), maxDecimals: 1))%" }
        let completed = totals.requests == 0
            ? "none completed" : "\(totals.requests) sent, \(totals.failures) failed: \(categories.joined(separator: ", "))"
        let hung = inFlight == 0 ? "" : "; \(inFlight) still had no answer when the load ended"
        return .error("no request succeeded in any stage window (\(completed)\(hung)) (exit \(ExitStatus.noSuccessfulRequest.rawValue))",
                      hint: "is the target up and is its address right? Give the profile thresholds to decide the exit status yourself")
    }

    private static func listed(_ names: [String]) -> String {
        names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }
}
