import LoadRunnerModel

/// Threshold outcomes as a JUnit report, so CI shows each threshold of each stage as a test case.
///
/// One suite, `thresholds`; one case per outcome, class `stage N`, named after the threshold as written. A
/// failed threshold is a failed case (message: the summary line); `noData` is a passed case, as it does not
/// fail the run (JUnit's `skipped` would hide it in most CI views, and renaming it would break CI history).
package enum ThresholdJUnit {
    package static let suiteName = "thresholds"

    package static func report(runName: String, outcomes: [ThresholdOutcome]) -> JUnitReport {
        let cases = outcomes.map { outcome in
            JUnitReport.Case(
                className: "stage \(outcome.stage)", name: outcome.threshold,
                failure: outcome.failed
                    ? JUnitReport.Failure(message: outcome.summary, details: details(outcome)) : nil)
        }
        return JUnitReport(name: runName, suites: [JUnitReport.Suite(name: suiteName, cases: cases)])
    }

    /// The failure's body: the threshold, where it was judged, and the figures.
    private static func details(_ outcome: ThresholdOutcome) -> String {
        var lines = [
            "threshold: \(outcome.threshold)",
            "scope: \(outcome.request.map { "stage \(outcome.stage), request \($0)" } ?? "stage \(outcome.stage), all requests")",
            "observed: \(outcome.observedText)",
            "limit: \(outcome.operator) \(ThresholdOutcome.format(outcome.limit, unit: outcome.unit))",
        ]
        if outcome.abortOnFail { lines.append("abort_on_fail: a failure stops the run at the end of the stage window") }
        return lines.joined(separator: "\n")
    }
}
