import LoadRunnerText

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

    /// The problem as an error diagnostic. A profile message says what is wrong, then after its first `; `
    /// (outside quoted values and backticks) what to do: that second part becomes the hint.
    package var diagnostic: Diagnostic {
        let location = Diagnostic.Location(file: file, line: line, column: column, path: keyPath)
        guard let split = Self.hintSeparator(in: message) else { return .error(message, at: location) }
        return .error(String(message[..<split.lowerBound]), at: location, hint: String(message[split.upperBound...]))
    }

    /// The range of the first `; ` in `message` that is not inside "double quotes" or `backticks`.
    static func hintSeparator(in message: String) -> Range<String.Index>? {
        var quoted = false
        var ticked = false
        var index = message.startIndex
        while index < message.endIndex {
            let next = message.index(after: index)
            switch message[index] {
            case "\"": if !ticked { quoted.toggle() }
            case "`": if !quoted { ticked.toggle() }
            case ";" where !quoted && !ticked && next < message.endIndex && message[next] == " ":
                return index..<message.index(after: next)
            default: break
            }
            index = next
        }
        return nil
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
