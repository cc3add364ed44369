import ArgumentParser
import Foundation

/// `lab-service`: the experiment-1 read service (get a user, search users, list ids) and the experiment-2 write
/// (`POST /template`) on the PostgreSQL lab, following the primary across a failover.
///
/// Exit codes: 0 after a clean shutdown on SIGINT/SIGTERM, 64 for bad flags, 1 if the server fails.
@main
struct LabServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab-service",
        abstract: "Serve /user/get, /user/search, /user/get-ids and POST /template from the PostgreSQL lab.",
        discussion: """
            Reads go to the current primary or to a random standby per request (--reads); writes go to the \
            current primary, found by asking every node pg_is_in_recovery() at start and again when a write \
            meets a standby or no connection. An insert whose outcome is unknown is never retried. \
            GET /health checks the primary; GET /metrics counts routed reads and acknowledged writes per node.
            Exit codes: 0 clean shutdown (SIGINT/SIGTERM), 64 bad usage, 1 server failure.
            """
    )

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let configuration: ServiceConfiguration
        do {
            var topology: TopologyFile?
            if let path = options.topology { topology = try TopologyFile.read(path) }
            configuration = try ServiceConfiguration.resolve(
                options: options, environment: ProcessInfo.processInfo.environment, topology: topology)
        } catch {
            throw ValidationError(error.description)
        }
        try await LabServer(configuration: configuration).run()
    }
}
