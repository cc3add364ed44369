import ArgumentParser
import Foundation

/// `lab-service`: the experiment-1 read service (get a user, search users, list ids) on the PostgreSQL lab.
///
/// Exit codes: 0 after a clean shutdown on SIGINT/SIGTERM, 64 for bad flags, 1 if the server fails.
@main
struct LabServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab-service",
        abstract: "Serve /user/get, /user/search and /user/get-ids from the PostgreSQL lab.",
        discussion: """
            Reads go to the primary or to a random replica per request (--reads); writes always go to the \
            primary. GET /health checks the primary; GET /metrics counts routed reads per node.
            Exit codes: 0 clean shutdown (SIGINT/SIGTERM), 64 bad usage, 1 server failure.
            """
    )

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.resolve(
                options: options, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        try await LabServer(configuration: configuration).run()
    }
}
