import Yams

/// A YAML node together with the key path that leads to it (`stages[2].duration`), so that any
/// problem found in it can name its place.
struct YAMLValue {
    /// What kind of node this is, in the words messages use.
    enum Kind: CustomStringConvertible {
        case empty, text, list, map

        var description: String {
            switch self {
            case .empty: "empty"
            case .text: "a single value"
            case .list: "a list"
            case .map: "a map"
            }
        }
    }

    let node: Node
    let keyPath: String

    var line: Int? { node.mark?.line }
    var column: Int? { node.mark?.column }

    var kind: Kind {
        switch node {
        case .scalar: isEmpty ? .empty : .text
        case .sequence: .list
        case .mapping: .map
        case .alias: .text
        }
    }

    /// The scalar's text as written (without quotes); nil for lists and maps.
    var text: String? { node.scalar?.string }

    /// True for `key:` with nothing after it, `~` and `null` (unquoted).
    var isEmpty: Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The value under `key` in this map.
    func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, keyPath: YAMLKeyPath.child(of: keyPath, key: key))
    }

    /// The list element at `index`.
    func element(_ index: Int, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, keyPath: "\(keyPath)[\(index)]")
    }
}

/// A YAML map read by `ProfileDecoder.map`: its entries in file order, unknown keys already reported.
struct YAMLMap {
    /// One `key: value` pair; `keyValue` locates the key itself.
    struct Entry {
        var key: String
        var keyValue: YAMLValue
        var value: YAMLValue
    }

    let value: YAMLValue
    let entries: [Entry]

    var keyPath: String { value.keyPath }

    /// The value for `key` if present (even if empty).
    subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }
}

/// Builds the key paths that problems carry: `a.b`, `a[0]`, and `a["odd key"]` for keys that are
/// not plain words.
enum YAMLKeyPath {
    static func child(of parent: String, key: String) -> String {
        let isWord = !key.isEmpty && key.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        if !isWord { return "\(parent)[\"\(key)\"]" }
        return parent.isEmpty ? key : "\(parent).\(key)"
    }
}

extension ProfileDecoder {
    /// Reads a map, reporting a wrong type and every key not in `keys` (with a did-you-mean).
    ///
    /// Returns nil (after reporting) when the node is not a map; unknown keys are left out.
    mutating func map(_ value: YAMLValue, keys: [String], expected: String) -> YAMLMap? {
        guard case .mapping(let mapping) = value.node else {
            report(value, ProfileMessage.wrongType(expected: expected, found: value.kind))
            return nil
        }
        var entries: [YAMLMap.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(YAMLValue(node: keyNode, keyPath: value.keyPath), ProfileMessage.keyNotText)
                continue
            }
            let keyValue = YAMLValue(node: keyNode, keyPath: YAMLKeyPath.child(of: value.keyPath, key: key))
            guard keys.isEmpty || keys.contains(key) else {
                report(keyValue, ProfileMessage.unknownKey(key, known: keys))
                continue
            }
            entries.append(.init(key: key, keyValue: keyValue, value: value.child(key, valueNode)))
        }
        return YAMLMap(value: value, entries: entries)
    }

    /// Reads a map whose keys are free-form names (headers, query, data); checks nothing about them.
    mutating func namedMap(_ value: YAMLValue, expected: String) -> YAMLMap? {
        map(value, keys: [], expected: expected)
    }

    /// The list's elements, or nil (after reporting) when the node is not a list.
    mutating func list(_ value: YAMLValue, expected: String) -> [YAMLValue]? {
        guard case .sequence(let sequence) = value.node else {
            report(value, ProfileMessage.wrongType(expected: expected, found: value.kind))
            return nil
        }
        return sequence.enumerated().map { value.element($0.offset, $0.element) }
    }

    /// The value for a key that must be present; reports it missing at the map otherwise.
    mutating func required(_ map: YAMLMap, _ key: String, example: String) -> YAMLValue? {
        if let value = map[key] { return value }
        report(line: map.value.line, column: map.value.column,
               keyPath: YAMLKeyPath.child(of: map.keyPath, key: key),
               ProfileMessage.missingKey(example: example))
        return nil
    }
}
