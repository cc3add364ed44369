import Foundation
import LoadRunnerModel
import Yams

/// Reads a profile file, decodes and validates it, and returns a `Profile` or every problem found.
///
/// Decoding walks the YAML node tree (not Codable) so all problems are collected in one pass, each
/// with its file, line, column and key path. CSV sources are read (through `ProfileFiles`) to check their columns.
package struct ProfileLoader: Sendable {
    /// Where `${NAME}` in header values is looked up.
    private let environment: [String: String]
    /// Reads the profile file and its `csv:` sources.
    let files: any ProfileFiles

    package init(environment: [String: String] = ProcessInfo.processInfo.environment, files: any ProfileFiles) {
        self.environment = environment
        self.files = files
    }

    /// Reads the file at `path`; relative `csv:` paths resolve from its folder.
    /// - Throws: `ProfileProblems` with every problem found (or the one saying the file is unreadable).
    package func load(path: String, targetOverride: String? = nil) throws -> Profile {
        let data: Data
        do {
            data = try files.contents(atPath: path)
        } catch {
            let message = if case .missing = error { ProfileMessage.profileMissing } else { ProfileMessage.profileUnreadable }
            throw ProfileProblems(problems: [ProfileProblem(file: path, keyPath: "", message: message)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileProblems(problems: [ProfileProblem(file: path, keyPath: "", message: ProfileMessage.profileUnreadable)])
        }
        return try load(text: text, path: path, baseDirectory: Self.directory(of: path), targetOverride: targetOverride)
    }

    /// Decodes and validates profile text; `path` is used in messages and `baseDirectory` to resolve
    /// `csv:` paths.
    /// - Throws: `ProfileProblems`, ordered by line (problems with `--target` first).
    package func load(text: String, path: String, baseDirectory: String, targetOverride: String? = nil) throws -> Profile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ProfileProblems(problems: [Self.syntaxProblem(error, file: path)])
        }
        guard let root else {
            throw ProfileProblems(problems: [ProfileProblem(file: path, keyPath: "", message: ProfileMessage.profileEmpty)])
        }
        var decoder = ProfileDecoder(file: path, baseDirectory: baseDirectory, environment: environment, files: files)
        if let profile = decoder.decode(root: root, sourceText: text, targetOverride: targetOverride) {
            return profile
        }
        let ordered = decoder.problems.enumerated().sorted { a, b in
            let keyA = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let keyB = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return keyA < keyB
        }
        throw ProfileProblems(problems: ordered.map(\.element))
    }

    /// The folder part of `path` ("." when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Malformed YAML: one problem placed where libyaml stopped.
    private static func syntaxProblem(_ error: Error, file: String) -> ProfileProblem {
        guard let yamlError = error as? YamlError else {
            return ProfileProblem(file: file, keyPath: "", message: ProfileMessage.yamlSyntax("\(error)", context: nil))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return ProfileProblem(file: file, line: mark.line, column: mark.column, keyPath: "",
                                  message: ProfileMessage.yamlSyntax(problem, context: context))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ProfileProblem(file: file, line: context.mark.line, column: context.mark.column, keyPath: "",
                                  message: ProfileMessage.duplicateKeys(duplicates))
        case .reader(let problem, _, _, _):
            return ProfileProblem(file: file, keyPath: "", message: ProfileMessage.yamlSyntax(problem, context: nil))
        default:
            return ProfileProblem(file: file, keyPath: "", message: ProfileMessage.yamlSyntax("\(yamlError)", context: nil))
        }
    }
}
