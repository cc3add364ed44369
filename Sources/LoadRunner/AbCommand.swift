import ArgumentParser
import Foundation
import LoadRunnerAnalysis
import LoadRunnerEngine
import LoadRunnerModel

/// `LoadRunner ab PROFILE --baseline-target A --candidate-target B --rounds N`: paired, interleaved runs of one
/// profile against two targets, judged with a paired statistic that cancels the machine's drift.
struct AbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Run a short profile against two targets in alternating rounds and compare them pair by pair.",
        discussion: """
            Runs the profile's load N times against each target, in pairs whose order alternates (A B, B A, A B, ...: every four rounds read A B B A, so a drift of the machine that is linear in time cancels), every round with the same seed. Write a short profile: each round runs its stages as written.

            Writes into --out: rounds/NN-a and rounds/NN-b (each round's result.json), ab.md and ab.json. Per stage and metric (p50, p95, p99, rps, error rate) they give each pair's A and B values, the median and mean of the differences B - A, and a paired interval (a sign-flip permutation test, family-wise 95% over the budgeted metrics). Budgets and verdicts mean what they mean in `compare`; at least 6 pairs are needed to show a change. See docs/compare.md.

            Ctrl-C (SIGTERM, SIGHUP) ends the run after the current round and still writes what was measured (exit 130); a second one stops the current round at once.

            Budgets: --fail-on (several allowed), else the profile's compare: section, else:
            \(Budget.defaults.map { "  " + $0.text }.joined(separator: "\n"))

            Exit codes:
            \(ExitStatus.helpTable)
            """)

    /// Pairs above this are refused: a longer comparison is a longer profile, not more rounds.
    static let maxRounds = 200

    @Argument(help: "The YAML load profile (keep it short: every round runs its stages).")
    var profile: String

    @Option(name: .customLong("baseline-target"), help: "Target A, the baseline (e.g. http://127.0.0.1:8085).")
    var baselineTarget: String

    @Option(name: .customLong("candidate-target"), help: "Target B, the candidate.")
    var candidateTarget: String

    @Option(help: "Pairs of rounds (one A and one B each); at least 6, even numbers cancel drift best.")
    var rounds: Int = 6

    @Option(help: "Seed of every round (0 to 2^53-1); wins over the profile's `seed:`. Without either, one is drawn and printed.")
    var seed: UInt64?

    @Option(help: "Folder for the results: new, empty, or an earlier ab run's (replaced wholly) (default: Reports/ab-<UTC time>).")
    var out: String?

    @Option(name: .customLong("fail-on"), help: "A budget such as \"p95 > +10% and +2ms\" or \"rps < -5%\"; repeatable.")
    var failOn: [String] = []

    @Option(help: ArgumentHelp(CLIMessages.loopsHelp))
    var loops: Int?

    mutating func validate() throws {
        let minimum = SignFlipTest().minimumPairs
        if rounds < minimum { throw ValidationError(CLIMessages.abRoundsTooFew(rounds, minimum: minimum)) }
        if rounds > Self.maxRounds { throw ValidationError(CLIMessages.abRoundsTooMany(rounds, maximum: Self.maxRounds)) }
        try EngineOptionChecks.validate(loops: loops, seed: seed)
    }

    func run() async throws {
        let console = Console.standard()
        var budgets: [Budget] = []
        var problems = false
        for text in failOn {
            switch Budget.parse(text) {
            case .success(let budget): budgets.append(budget)
            case .failure(let error):
                console.report(CLIMessages.badBudget("\(error)"))
                problems = true
            }
        }
        if problems { throw ExitStatus.usageOrProfileError.exitCode }
        guard let baseline = ProfileLoading.load(path: profile, targetOverride: baselineTarget, console: console),
              let candidate = ProfileLoading.load(path: profile, targetOverride: candidateTarget, console: console)
        else { throw ExitStatus.usageOrProfileError.exitCode }
        if budgets.isEmpty { budgets = baseline.compareBudgets }
        if budgets.isEmpty { budgets = Budget.defaults }
        let status = await AbSession(
            baseline: baseline, candidate: candidate, pairs: rounds,
            seed: seed ?? baseline.seed ?? UInt64.random(in: 0...ProfileLimits.maxSeed), budgets: budgets,
            outputFolder: out ?? "Reports/ab-" + RunSession.timestamp(Date()), loops: loops,
            commandLine: CommandLine.arguments, console: console
        ).run()
        throw status.exitCode
    }
}
