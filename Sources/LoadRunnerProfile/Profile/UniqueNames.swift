/// Names given within one list, with the index that first used each.
struct UniqueNames {
    private var firstIndex: [String: Int] = [:]

    /// Records `name` at `index`; returns the earlier index when the name was taken already.
    mutating func claim(_ name: String, index: Int) -> Int? {
        if let first = firstIndex[name] { return first }
        firstIndex[name] = index
        return nil
    }
}
