import LoadRunnerAnalysis

extension CompareResult {
    /// The comparison as JUnit XML for CI: one suite, one test case per stage, request name (then `Aggregated`)
    /// and budgeted metric (class name `stage N`, name like `user/get p95`); a case fails when its metric is
    /// `worse`, with a message like
    /// `p95 rose 23.4% (12.1 ms -> 14.9 ms, 95% CI +18.0%..+28.9%), budget p95 > +10% and +2ms`.
    /// Metrics without a budget are not test cases: they never fail a comparison.
    package func junit() -> JUnitReport {
        let cases = metrics.filter { $0.budget != nil }.map { comparison in
            JUnitReport.Case(
                className: CompareMessages.junitClassName(stage: comparison.stage),
                name: CompareMessages.junitName(comparison),
                failure: comparison.isRegression
                    ? JUnitReport.Failure(
                        message: CompareMessages.junitFailure(comparison, confidence: method.intervalConfidence),
                        details: CompareMessages.junitDetails(comparison, confidence: method.intervalConfidence))
                    : nil)
        }
        let name = CompareMessages.title(self)
        return JUnitReport(name: name, suites: [JUnitReport.Suite(name: name, cases: cases)])
    }
}
