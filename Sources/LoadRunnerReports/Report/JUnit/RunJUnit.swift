import LoadRunnerModel

/// A run's whole JUnit report (`run --junit`): the thresholds suite (`ThresholdJUnit`), then the checks and
/// required actions suites when the run had any (`CommandJUnit`).
///
/// A run without checks and required actions gets exactly `ThresholdJUnit`'s report, so CI history carries on.
package enum RunJUnit {
    package static func report(for result: RunResult) -> JUnitReport {
        var report = ThresholdJUnit.report(runName: result.provenance.profileName, outcomes: result.thresholds ?? [])
        report.suites += [CommandJUnit.checksSuite(result.checks), CommandJUnit.actionsSuite(result.actions)].compactMap { $0 }
        return report
    }
}
