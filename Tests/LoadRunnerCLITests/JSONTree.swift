import Foundation

/// A read-only view of parsed JSON: a missing key or index gives a missing value rather than a crash.
struct JSONTree {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    subscript(key: String) -> JSONTree { JSONTree((value as? [String: Any])?[key]) }
    subscript(index: Int) -> JSONTree {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSONTree(nil) }
        return JSONTree(array[index])
    }

    var isMissing: Bool { value == nil || value is NSNull }
    var bool: Bool? { value as? Bool }
    var int: Int? { value as? Int }
    var double: Double? { (value as? NSNumber)?.doubleValue }
    var string: String? { value as? String }
    /// Elements of an array (0 when not an array).
    var count: Int { (value as? [Any])?.count ?? 0 }
}
