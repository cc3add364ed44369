import ArgumentParser
import Foundation
import LoadRunnerEngine
import LoadRunnerLive
import LoadRunnerModel

/// `LoadRunner run PROFILE`: runs a profile and writes every result file.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a load profile and write its results.",
        discussion: """
            Writes result.json, stages.csv, report.md, report.html, SVG charts and Locust-format locust_stats.csv, locust_stats_history.csv (appended every second while running) and locust_failures.csv. Thresholds in the profile decide exit 99.

            A profile is code: its actions, checks and command monitors run shell commands (in the current folder, with your environment). Read a profile from elsewhere before running it, or run it with --no-actions, which refuses any profile that runs commands, reads environment variables or reads files outside its folder (--allow-env, --allow-file allow the last two).

            Ctrl-C, SIGTERM or SIGHUP stops the users and the commands the run started (SIGTERM to their process groups, SIGKILL 2 s later) and still writes every file, marked interrupted (exit 130); a second one kills the commands and quits at once, leaving a minimal result.json marked interrupted.

            Exit codes:
            \(ExitStatus.helpTable)
            """)

    @Argument(help: "The YAML load profile.")
    var profile: String

    @Option(help: "Send the load here instead of the profile's target (e.g. http://127.0.0.1:8085).")
    var target: String?

    @Option(help: "Folder for the results: new, empty, or an earlier run's (replaced wholly) (default: Reports/<profile name>-<UTC time>).")
    var out: String?

    @Flag(help: "Do not print the live progress line.")
    var quiet = false

    @Option(help: "Also write the thresholds as JUnit XML to this file (one test case per threshold and stage).")
    var junit: String?

    @Flag(help: "Refuse to run a profile that runs commands (actions, checks or command monitors); for profiles from elsewhere.")
    var noActions = false

    @Option(name: .customLong("allow-env"), help: "With --no-actions: let the profile read this environment variable (`${NAME}` in a header); repeatable.")
    var allowEnv: [String] = []

    @Option(name: .customLong("allow-file"), help: "With --no-actions: let the profile read this file outside its folder (a csv: source); repeatable.")
    var allowFile: [String] = []

    @Option(help: "Seed of every random choice (request mix, data rows, Poisson arrivals), 0 to 2^53-1; wins over the profile's `seed:`. Without either, one is drawn; result.json records the seed used.")
    var seed: UInt64?

    @Flag(help: "Write locust_stats_history.csv in Locust's full-history layout: a row per request name each second too.")
    var csvFullHistory = false

    @Option(help: ArgumentHelp(CLIMessages.loopsHelp))
    var loops: Int?

    @Option(help: ArgumentHelp(CLIMessages.listenHelp, valueName: "host:port"))
    var listen: String?

    @Option(name: .customLong("out-prometheus"), help: ArgumentHelp(CLIMessages.outPrometheusHelp, valueName: "url"))
    var outPrometheus: String?

    @Option(help: ArgumentHelp(CLIMessages.shardHelp, valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp(CLIMessages.shardsHelp, valueName: "N"))
    var shards: Int?

    @Option(name: .customLong("start-at"), help: ArgumentHelp(CLIMessages.startAtHelp, valueName: "time"))
    var startAt: String?

    mutating func validate() throws {
        try EngineOptionChecks.validate(loops: loops, seed: seed)
        if let listen, ListenAddress(listen) == nil { throw ValidationError(CLIMessages.badListenAddress(listen)) }
        if let outPrometheus, !RemoteWriteURL.isValid(outPrometheus) {
            throw ValidationError(CLIMessages.badOutPrometheus(outPrometheus))
        }
    }

    func run() async throws {
        let console = Console.standard()
        let live: LiveServer?
        switch await LiveView.start(listen, console: console) {
        case .started(let server): live = server
        case .failed(let status): throw status.exitCode
        }
        let pusher = outPrometheus.map { RemoteWritePusher(url: $0, report: console.report) }
        let status = await RunSession(
            profilePath: profile, targetOverride: target, outputFolder: out, quiet: quiet, loops: loops, seed: seed, junitPath: junit,
            csvFullHistory: csvFullHistory, shardOptions: ShardOptions(shard: shard, shards: shards, startAt: startAt),
            refuseCommands: noActions, allowedEnvironment: allowEnv, allowedFiles: allowFile, commandLine: CommandLine.arguments, console: console,
            live: live?.board, pusher: pusher
        ).run()
        await pusher?.finish()
        await LiveView.stop(live)
        throw status.exitCode
    }
}

/// `LoadRunner validate PROFILE`: checks a profile without sending anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a load profile without sending anything.",
        discussion: "Reports every problem at once, with file, line and key path; exit 64 when there is any.")

    @Argument(help: "The YAML load profile.")
    var profile: String

    @Option(help: "Check this target instead of the profile's.")
    var target: String?

    func run() throws {
        let console = Console.standard()
        guard let loaded = ProfileLoading.load(path: profile, targetOverride: target, console: console) else {
            throw ExitStatus.usageOrProfileError.exitCode
        }
        console.line(CLIMessages.profileValid(loaded))
        for line in CLIMessages.openStagesOf(loaded) + CLIMessages.commandsOf(loaded) + CLIMessages.readsOf(loaded) {
            console.line(line)
        }
    }
}
