/// One thing wrong with a profile: where it is (file, YAML line and column, key path) and what to do.
///
/// `description` reads like a compiler diagnostic:
/// `profile.yaml:14:7: stages[2].duration "5" has no unit; write "5s" or "500ms"`.
/// `message` continues the key path as a sentence, so it starts with a verb or a quoted value.
package struct ProfileProblem: Sendable, Equatable, CustomStringConvertible {
    /// The profile path as given, or `--target` for a problem with the command-line override.
    package var file: String
    /// 1-based YAML line; nil when the problem is not tied to a line (a missing file, `--target`).
    package var line: Int?
    /// 1-based column, counted in Unicode scalars as libyaml does.
    package var column: Int?
    /// Where in the profile, e.g. `stages[2].duration`, `requests[0].path`, `data.names`; "" for the whole file.
    package var keyPath: String
    /// What is wrong and what to do.
    package var message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    package var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath) \(message)"
    }
}

/// Every problem found in one profile, in file order; thrown by `ProfileLoader`.
package struct ProfileProblems: Error, Sendable, CustomStringConvertible {
    package var problems: [ProfileProblem]

    package init(problems: [ProfileProblem]) { self.problems = problems }

    /// One problem per line.
    package var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
