import LoadRunnerEngine
import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// What a profile runs once the load has stopped: its `at: end` actions, in order, then its checks
/// against the run's numbers. Each command is bounded by its timeout.
struct AfterLoad: Sendable {
    let profile: Profile
    let runner: CommandRunner
    /// Ctrl-C or SIGTERM: what has not started yet is skipped.
    let stop: StopSignal

    /// Runs the `at: end` actions in profile order, unless `skipReason` says why not (the run was
    /// interrupted, a required action failed). A failing required one skips those after it.
    func endActions(skipReason: String?, observer: some RunObserver) async -> (runs: [Int: ShellOutcome], skipped: [Int: String]) {
        var runs: [Int: ShellOutcome] = [:]
        var skipped: [Int: String] = [:]
        var reason = skipReason
        for (index, action) in profile.actions.enumerated() where action.trigger == .end {
            if stop.isRequested { reason = CommandMessages.skippedInterrupted }
            if let reason {
                skipped[index] = reason
                continue
            }
            observer.report(.note(CommandMessages.endActionStarted(action)))
            let run = await runner.run(action.command, timeout: action.timeout, role: .action(action.name))
            ActionReporting.reportEnd(action, run: run, stopping: runner.isStopping, observer: observer)
            runs[index] = run
            if action.required && !run.succeeded { reason = CommandMessages.skippedAfterRequiredFailure(action) }
        }
        return (runs, skipped)
    }

    /// Runs every check and judges its output against its expectation evaluated on `numbers`.
    func checks(numbers: RunNumbers, observer: some RunObserver) async -> [CheckResult] {
        var results: [CheckResult] = []
        for check in profile.checks {
            guard !stop.isRequested else {
                results.append(CheckResult(
                    name: check.name, command: check.metric?.description ?? check.command, comparison: check.comparison,
                    expression: check.expected.source, expected: nil, actual: nil, passed: false,
                    problem: CommandMessages.checkNotRun, run: nil, metric: check.metric?.description))
                continue
            }
            let result = await self.check(check, numbers: numbers)
            if result.passed {
                observer.report(.note(CommandMessages.checkPassed(result)))
            } else {
                observer.report(.warning(CommandMessages.checkFailed(result)))
            }
            results.append(result)
        }
        return results
    }

    private func check(_ check: CheckSpec, numbers: RunNumbers) async -> CheckResult {
        var result = CheckResult(
            name: check.name, command: check.metric?.description ?? check.command, comparison: check.comparison,
            expression: check.expected.source, expected: nil, actual: nil, passed: false, problem: nil, run: nil,
            metric: check.metric?.description)
        let expected: CheckValue
        do {
            expected = try check.expected.evaluate(numbers)
        } catch {
            result.problem = CommandMessages.checkExpressionFailed(error)
            return result
        }
        result.expected = expected.text
        if let metric = check.metric {
            let verdict = CheckJudge.judge(check.comparison, expected: expected, metric: metric, value: numbers[metric.description])
            result.actual = verdict.actual
            result.passed = verdict.passed
            result.problem = verdict.problem
            return result
        }
        let run = await runner.run(check.command, timeout: check.timeout, role: .check(check.name))
        result.run = run
        guard run.succeeded else {
            result.problem = CommandMessages.checkCommandFailed(run)
            return result
        }
        let verdict = CheckJudge.judge(check.comparison, expected: expected, stdout: run.stdout)
        result.actual = verdict.actual
        result.passed = verdict.passed
        result.problem = verdict.problem
        return result
    }

    /// One result per profile action, in profile order, from what ran during and after the load. A timed
    /// action that ended after the load (`loadEndSeconds`, run seconds) records how long the run waited for it.
    static func actionResults(
        _ actions: [ActionSpec], timed: [Int: TimedActions.Started], atEnd: [Int: ShellOutcome], skipped: [Int: String],
        notReachedReason: String, loadEndSeconds: Double
    ) -> [ActionResult] {
        actions.enumerated().map { index, action in
            let run = timed[index]?.run ?? atEnd[index]
            var result = ActionResult(
                name: action.name, command: action.command, when: action.when, required: action.required, run: run,
                skippedBecause: run == nil ? (skipped[index] ?? notReachedReason) : nil,
                requestsSentAtStart: timed[index]?.requestsSent)
            if let timedRun = timed[index]?.run, timedRun.endSeconds > loadEndSeconds {
                result.waitedAfterLoadSeconds = timedRun.endSeconds - loadEndSeconds
            }
            return result
        }
    }
}
