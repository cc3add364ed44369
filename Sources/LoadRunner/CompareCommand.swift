import ArgumentParser
import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerReports
import LoadRunnerText

/// `LoadRunner compare BASELINE CANDIDATE`: stage-by-stage comparison of two runs with noise-aware verdicts.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs stage by stage and fail on a regression beyond budget.",
        discussion: """
            BASELINE and CANDIDATE are run folders or their result.json. Writes compare.md (with charts), report.html, compare.csv, compare.json and compare-*.svg.

            A metric counts as worse only when its change exceeds the budget and a bootstrap confidence interval of the per-second samples (95% for all budgeted metrics together) lies on the bad side; see docs/compare.md. Exit 2 when any budgeted metric regressed.

            Budgets: --fail-on (several allowed), else the candidate profile's compare: section, else:
            \(Budget.defaults.map { "  " + $0.text }.joined(separator: "\n"))

            Exit codes:
            \(ExitStatus.helpTable)
            """)

    @Argument(help: "The baseline run (folder or result.json).")
    var baseline: String

    @Argument(help: "The candidate run (folder or result.json).")
    var candidate: String

    @Option(help: "Folder for the comparison (default: Reports/compare-<UTC time>).")
    var out: String?

    @Option(name: .customLong("fail-on"), help: "A budget such as \"p95 > +10% and +2ms\" or \"rps < -5%\"; repeatable.")
    var failOn: [String] = []

    @Option(help: "Also write the compared metrics as JUnit XML to this file.")
    var junit: String?

    func run() throws {
        let console = Console.standard()
        var budgets: [Budget] = []
        var problems: [Diagnostic] = []
        for text in failOn {
            switch Budget.parse(text) {
            case .success(let budget): budgets.append(budget)
            case .failure(let error): problems.append(CLIMessages.badBudget("\(error)"))
            }
        }
        guard problems.isEmpty else {
            problems.forEach(console.report)
            throw ExitStatus.usageOrProfileError.exitCode
        }
        if let junit, let problem = CIOutputs.junitProblem(junit) {
            console.report(CLIMessages.junitRefused(junit, reason: problem, nothingSent: false))
            throw ExitStatus.outputFailure.exitCode
        }
        guard let (baselineRun, baselineFolder) = ResultLoading.load(baseline, console: console),
              let (candidateRun, candidateFolder) = ResultLoading.load(candidate, console: console)
        else { throw ExitStatus.usageOrProfileError.exitCode }
        let lost = [(baseline, baselineRun), (candidate, candidateRun)].filter { $0.1.measurementsLost == true }
        guard lost.isEmpty else {
            lost.forEach { console.report(CLIMessages.measurementsLost($0.0)) }
            throw ExitStatus.usageOrProfileError.exitCode
        }
        if budgets.isEmpty { budgets = ProfileCompareBudgets.budgets(of: candidateRun) }
        if budgets.isEmpty { budgets = Budget.defaults }

        let result = RunComparator(budgets: budgets).compare(
            baseline: baselineRun, candidate: candidateRun,
            baselineLabel: Self.label(baselineFolder), candidateLabel: Self.label(candidateFolder))
        guard !result.stages.isEmpty else {
            result.mismatches.forEach { console.report(CLIMessages.stagesMismatch($0.message)) }
            console.report(CLIMessages.nothingInCommon)
            throw ExitStatus.usageOrProfileError.exitCode
        }
        let users = Dictionary(result.stages.map { ($0.number, $0.baselineUsers) }, uniquingKeysWith: { first, _ in first })
        let charts = CompareCharts.charts(
            stages: StagePoint.pairs(baseline: baselineRun, candidate: candidateRun),
            baselineLabel: result.baseline.label, candidateLabel: result.candidate.label,
            extra: CompareCharts.series(resources: result.resources ?? [], users: users)
                + CompareCharts.series(flows: result.flows ?? [], users: users))
        let folder = out ?? "Reports/compare-" + RunSession.timestamp(Date())
        try ResultFolder.write(to: folder, console: console) { (working: String) throws(RunOutputsError) in
            try CompareOutputs.write(result, to: working, charts: charts)
        }
        let summary = result.markdownSummary()
        console.writeOut(summary)
        console.line(CLIMessages.comparisonWritten(folder))
        CIOutputs.writeJUnit(result.junit(), to: junit, console: console)
        CIOutputs.appendStepSummary(summary, console: console)
        if result.failed { throw ExitStatus.regression.exitCode }
    }

    /// A run's label in reports: its folder's name.
    static func label(_ folder: String) -> String {
        let name = (folder as NSString).lastPathComponent
        return name.isEmpty || name == "." ? (FileManager.default.currentDirectoryPath as NSString).lastPathComponent : name
    }
}
