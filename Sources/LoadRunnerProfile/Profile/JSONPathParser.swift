import LoadRunnerText
import LoadRunnerModel

/// Reads the documented JSONPath subset: `$`, then `.member`, `["member"]` and `[index]` steps, and optionally a
/// last `.length` (`$.items[0].id`, `$.items.length`, `$[-1]`). Filters, wildcards and `..` are not supported.
package enum JSONPathParser {
    /// The path, or why it is not one (a message continuation for `ProfileMessage.badJSONPath`).
    package static func parse(_ text: String) -> Result<JSONPath, JSONPathFailure> {
        var rest = Substring(text.trimmingWhitespace())
        guard rest.first == "$" else { return .failure(.noRoot) }
        rest = rest.dropFirst()
        var components: [JSONPath.Component] = []
        while let first = rest.first {
            if components.last == .length { return .failure(.lengthNotLast) }
            if first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return .failure(.emptyMember) }
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    return .failure(.unsupported(String(name)))
                }
                rest = rest.dropFirst(name.count)
                components.append(name == "length" ? .length : .member(String(name)))
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return .failure(.unclosedBracket) }
                let inside = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters()
                rest = rest[rest.index(after: close)...]
                if let index = Int(inside) {
                    components.append(.index(index))
                } else if inside.count >= 2, let quote = inside.first, quote == "\"" || quote == "'", inside.last == quote {
                    components.append(.member(String(inside.dropFirst().dropLast())))
                } else {
                    return .failure(.unsupported("[\(inside)]"))
                }
            } else {
                return .failure(.unsupported(String(rest)))
            }
        }
        return .success(JSONPath(components: components))
    }
}

/// Why a text is not a path of the supported subset.
package enum JSONPathFailure: Error, Sendable, Equatable {
    case noRoot
    case emptyMember
    case unclosedBracket
    case lengthNotLast
    /// A step the subset lacks (a filter, a wildcard, `..`), as written.
    case unsupported(String)
}

private extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
}
