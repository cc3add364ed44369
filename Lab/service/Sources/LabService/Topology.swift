/// What one node answered to `select pg_is_in_recovery()` during a discovery.
enum NodeRole: Sendable, Equatable, CustomStringConvertible {
    /// Not in recovery: it accepts writes.
    case primary
    /// In recovery: a hot standby, read-only.
    case standby
    /// No answer; the reason is one short line ("connection refused", "no answer within 1s").
    case unreachable(String)

    var description: String {
        switch self {
        case .primary: "primary"
        case .standby: "standby"
        case .unreachable(let reason): "unreachable (\(reason))"
        }
    }
}

/// The roles of the three nodes found by one discovery.
///
/// Node names are fixed (they are data directories with fixed ports) but roles move: after a failover the node
/// named `replica1` is the primary and the node named `primary` a standby.
struct Topology: Sendable, Equatable, CustomStringConvertible {
    var roles: [DatabaseNode: NodeRole]

    /// The nodes that accept writes, in `DatabaseNode` order.
    var primaries: [DatabaseNode] { DatabaseNode.allCases.filter { roles[$0] == .primary } }

    /// The one node that accepts writes; `nil` when none does or, to never split writes, when more than one does.
    var writer: DatabaseNode? {
        let primaries = primaries
        return primaries.count == 1 ? primaries[0] : nil
    }

    /// `primary: standby, replica1: primary, replica2: unreachable (connection refused)`.
    var description: String {
        DatabaseNode.allCases
            .map { "\($0.rawValue): \(roles[$0]?.description ?? "not asked")" }
            .joined(separator: ", ")
    }
}
