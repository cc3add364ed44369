import Foundation
import LoadRunnerModel
import LoadRunnerText

/// The messages of `ab`.
extension CLIMessages {
    static func abRoundsTooFew(_ rounds: Int, minimum: Int) -> String {
        "--rounds must be at least \(minimum) (pairs of one A and one B round; fewer cannot show a change at 95%), got \(rounds)"
    }

    static func abRoundsTooMany(_ rounds: Int, maximum: Int) -> String {
        "--rounds must be at most \(maximum), got \(rounds); write a shorter profile rather than fewer rounds"
    }

    static func abStarting(_ profile: Profile, baseline: String, candidate: String, pairs: Int, seed: UInt64, folder: String) -> String {
        "ab \"\(profile.name)\": \(pairs) pairs of rounds, A = \(baseline), B = \(candidate), seed \(seed); results in \(folder)"
    }

    /// The profile's own commands are not part of a round: each round is the load alone.
    static func abSkipsCommands(_ profile: Profile) -> Diagnostic {
        .warning("ab runs the load only: the \(profile.actions.count) actions, \(profile.commandChecks.count) checks and "
            + "\(profile.commandMonitors.count) command monitors of \(profile.sourcePath) do not run in its rounds",
            hint: "use `LoadRunner run` and `compare` when they matter to the measurement")
    }

    /// One line per finished round: `round 3/12 (pair 2, B): 1234 requests, p50 20.412 ms, 95.20 req/s, 0.00% errors`.
    static func abRoundDone(_ round: Int, of total: Int, pair: Int, side: String, result: RunResult) -> String {
        let stats = result.mergedAggregated
        let seconds = result.measuredSeconds
        let p50 = stats.requests > 0 ? ReportNumber.millis(micros: stats.latency.micros(atPercentile: 50)) + " ms" : "-"
        let rps = seconds > 0 ? ReportNumber.fixed(Double(stats.requests) / seconds, decimals: 2) + " req/s" : "-"
        let errors = stats.requests > 0 ? ReportNumber.percent(stats.errorRate) + "% errors" : "no requests"
        return "round \(round)/\(total) (pair \(pair), \(side)): \(stats.requests) requests, p50 \(p50), \(rps), \(errors)"
            + (result.interrupted ? " (interrupted: not paired)" : "")
    }

    /// The first stop signal during `ab`: the round in progress finishes, then the results are written.
    static func abStopping(signal: Int32) -> String {
        let name = [SIGINT: "Ctrl-C", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
        return "stopping (\(name)) after the current round and writing what was measured "
            + "(a second one stops the current round now; it is then left out of the pairs)"
    }

    static let abStoppingNow = "stopping the current round now; writing the complete pairs"

    static func abResultsWritten(_ folder: String, interrupted: Bool) -> String {
        (interrupted ? "interrupted; the complete pairs are in " : "results in ") + folder + " (open ab.md first)"
    }
}
