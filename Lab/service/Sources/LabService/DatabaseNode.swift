/// One PostgreSQL node of the lab, by its fixed name (a data directory with a fixed port).
///
/// The names say the lab's layout before any failover; roles can move (after a failover `replica1` is the
/// primary), so who takes writes is found at run time by ``PrimaryTracker``.
enum DatabaseNode: String, CaseIterable, Sendable, Encodable {
    case primary
    case replica1
    case replica2

    /// Default TCP port of this node in the lab (`Lab/pg/README.md`).
    var defaultPort: Int {
        switch self {
        case .primary: 25432
        case .replica1: 25433
        case .replica2: 25434
        }
    }

    /// Prefix of this node's variables in `Lab/lab env` (`LAB_PRIMARY_HOST`, `LAB_REPLICA1_PORT`, ...).
    var environmentPrefix: String { "LAB_\(rawValue.uppercased())" }
}

/// Where read-only queries go; chosen once at start with `--reads`. Writes always go to the current primary.
enum ReadMode: String, CaseIterable, Sendable {
    /// Every read on the current primary (the "before" run of experiment 1).
    case primary
    /// Each read on a standby chosen at random per request (the "after" run): every node but the current primary.
    case replicas
}
