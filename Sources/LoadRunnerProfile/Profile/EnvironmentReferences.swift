/// `${NAME}` in header values: filled from the environment when the profile is read, so that a secret
/// (a token, a password) never has to be written in the profile. The value lives only in memory: result
/// files keep the profile's text, which holds `${NAME}`, never the value.
enum EnvironmentReferences {
    enum Problem: Error, Equatable {
        /// `${NAME}` whose variable is not set.
        case unset(String)
        /// `${` without a closing `}`, or a name that is not `[A-Za-z_][A-Za-z0-9_]*`.
        case malformed(String)
    }

    /// `text` with each `${NAME}` replaced by its value; `$` not followed by `{` stays as written.
    static func substitute(_ text: String, environment: [String: String]) -> Result<String, Problem> {
        guard text.contains("${") else { return .success(text) }
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.range(of: "${") {
            output += rest[..<dollar.lowerBound]
            let afterOpen = rest[dollar.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { return .failure(.malformed(String(rest[dollar.lowerBound...]))) }
            let name = String(afterOpen[..<close])
            guard isName(name) else { return .failure(.malformed("${\(name)}")) }
            guard let value = environment[name] else { return .failure(.unset(name)) }
            output += value
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return .success(output + rest)
    }

    /// The well-formed `${NAME}` references in `text`, in order.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let dollar = rest.range(of: "${") {
            let afterOpen = rest[dollar.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { break }
            let name = String(afterOpen[..<close])
            if isName(name) { names.append(name) }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return names
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
