import ArgumentParser

extension ReadMode: ExpressibleByArgument {}

/// The command-line flags of `lab-service`, as typed; ``ServiceConfiguration`` validates and resolves them.
struct ServiceOptions: ParsableArguments {
    @Option(help: "Where reads go: primary (the current one), or replicas (a random standby per request).")
    var reads: ReadMode = .primary

    @Option(help: """
        The lab's topology as `Lab/lab env --json` prints it (a file, or <(Lab/lab env --json)): each node's \
        host, port, user and database, instead of the LAB_* environment. Flags still win.
        """)
    var topology: String?

    @Option(help: "Primary host:port (default $LAB_PRIMARY_HOST:$LAB_PRIMARY_PORT, else 127.0.0.1:25432).")
    var primary: String?

    @Option(help: "Replica 1 host:port (default $LAB_REPLICA1_HOST:$LAB_REPLICA1_PORT, else 127.0.0.1:25433).")
    var replica1: String?

    @Option(help: "Replica 2 host:port (default $LAB_REPLICA2_HOST:$LAB_REPLICA2_PORT, else 127.0.0.1:25434).")
    var replica2: String?

    @Option(help: "Database user (default $LAB_PRIMARY_USER, else lab).")
    var user: String?

    @Option(help: "Database name (default $LAB_PRIMARY_DB, else lab).")
    var database: String?

    @Option(help: "HTTP bind address; loopback only.")
    var host: String = "127.0.0.1"

    @Option(help: "HTTP port; 0 picks a free port (see --port-file).")
    var port: Int = 8085

    @Option(help: "Write the bound HTTP port to this file once listening.")
    var portFile: String?

    @Option(help: "Maximum database connections per node.")
    var poolSize: Int = 20

    @Option(help: """
        Milliseconds a query (with the wait for a connection) may take before the request gets 503; for \
        POST /template the whole write: finding the primary, the insert and its commit.
        """)
    var queryTimeoutMs: Int = 5000
}
