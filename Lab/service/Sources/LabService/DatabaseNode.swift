/// One PostgreSQL node of the lab: the primary or one of the two asynchronous replicas.
enum DatabaseNode: String, CaseIterable, Sendable {
    case primary
    case replica1
    case replica2

    /// The two hot-standby replicas, the candidates for routed reads in `--reads replicas` mode.
    static let replicas: [DatabaseNode] = [.replica1, .replica2]

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

/// Where read-only queries go; chosen once at start with `--reads`. Writes always go to the primary.
enum ReadMode: String, CaseIterable, Sendable {
    /// Every read on the primary (the "before" run of experiment 1).
    case primary
    /// Each read on a replica chosen at random per request (the "after" run).
    case replicas
}
