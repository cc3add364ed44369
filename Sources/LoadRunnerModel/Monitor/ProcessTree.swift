/// A process and everything it started, from a map of each process's parent.
package enum ProcessTree {
    /// `root` and all its descendants in `parents` (pid -> ppid). `root` is included even when it is
    /// not in `parents`; a cycle in a corrupt map does not loop.
    package static func descendants(of root: Int32, parents: [Int32: Int32]) -> Set<Int32> {
        var children: [Int32: [Int32]] = [:]
        for (pid, ppid) in parents where pid != ppid {
            children[ppid, default: []].append(pid)
        }
        var found: Set<Int32> = [root]
        var pending = [root]
        while let pid = pending.popLast() {
            for child in children[pid] ?? [] where found.insert(child).inserted {
                pending.append(child)
            }
        }
        return found
    }
}
