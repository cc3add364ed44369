/// One thing wrong with a profile: where it is (file, YAML line and column, key path) and what to do.
///
/// `description` reads like a compiler diagnostic:
/// `profile.yaml:14:7: stages[2].duration "5" has no unit; write "5s" or "500ms"`.
/// `message` continues the key path as a sentence, so it starts with a verb or a quoted value.
public struct ProfileProblem: Sendable, Equatable, CustomStringConvertible {
    /// The profile path as given, or `--target` for a problem with the command-line override.
    public var file: String
    /// 1-based YAML line; nil when the problem is not tied to a line (a missing file, `--target`).
    public var line: Int?
    /// 1-based column, counted in Unicode scalars as libyaml does.
    public var column: Int?
    /// Where in the profile, e.g. `stages[2].duration`, `requests[0].path`, `data.names`; "" for the whole file.
    public var keyPath: String
    /// What is wrong and what to do.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath) \(message)"
    }
}

/// Every problem found in one profile, in file order; thrown by `ProfileLoader`.
public struct ProfileProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ProfileProblem]

    public init(problems: [ProfileProblem]) { self.problems = problems }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
