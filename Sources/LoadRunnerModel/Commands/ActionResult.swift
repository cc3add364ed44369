/// How one action of the profile fared.
package struct ActionResult: Codable, Sendable, Equatable {
    package var name: String
    package var command: String
    /// The trigger in the profile's words (`at 40%`, `after 12000 requests`, `at end`).
    package var when: String
    package var required: Bool
    /// The execution; nil when the action never ran (see `skippedBecause`).
    package var run: ShellOutcome?
    /// Why it did not run: the run ended (or was stopped) before its moment, or a required action failed first.
    package var skippedBecause: String?
    /// Requests sent since the run started when it started (counted for `after_requests` actions); nil otherwise.
    package var requestsSentAtStart: Int?
    /// For an action started during the load that outlived it: how long the run waited for it after the load
    /// ended, in seconds; nil otherwise.
    package var waitedAfterLoadSeconds: Double?

    package init(
        name: String, command: String, when: String, required: Bool, run: ShellOutcome?, skippedBecause: String?,
        requestsSentAtStart: Int? = nil
    ) {
        self.name = name
        self.command = command
        self.when = when
        self.required = required
        self.run = run
        self.skippedBecause = skippedBecause
        self.requestsSentAtStart = requestsSentAtStart
    }

    /// The trigger, with the requests sent when it started for an `after_requests` action:
    /// `after 12000 requests (12003 sent)`.
    package var whenStarted: String {
        guard let sent = requestsSentAtStart else { return when }
        return "\(when) (\(sent) sent)"
    }

    /// Ran and exited 0.
    package var succeeded: Bool { run?.succeeded ?? false }

    /// A required action that did not succeed (failed, or never ran): it fails the run.
    package var failsRun: Bool { required && !succeeded }
}

/// How one check fared: the command's output against the expected value.
package struct CheckResult: Codable, Sendable, Equatable {
    package var name: String
    /// The command run, or for a metric check the metric path read (the same as `metric`).
    package var command: String
    /// The metric path a metric check read (`total.failed`); nil for a command check.
    package var metric: String?
    package var comparison: CheckComparison
    /// The expectation as written, e.g. `{{ requests.insert.ok }}`, and its value for this run, e.g. `30000`.
    package var expression: String
    package var expected: String?
    /// The command output's first line, trimmed, or the metric's value (what was compared).
    package var actual: String?
    package var passed: Bool
    /// Why it failed, in words: `got 29998, expected 30000`, `output "abc" is not a number`, `exit 1`.
    package var problem: String?
    /// The execution; nil when it never ran (for example, the expectation could not be evaluated).
    package var run: ShellOutcome?

    package init(
        name: String, command: String, comparison: CheckComparison, expression: String, expected: String?,
        actual: String?, passed: Bool, problem: String?, run: ShellOutcome?, metric: String? = nil
    ) {
        self.name = name
        self.command = command
        self.metric = metric
        self.comparison = comparison
        self.expression = expression
        self.expected = expected
        self.actual = actual
        self.passed = passed
        self.problem = problem
        self.run = run
    }
}
