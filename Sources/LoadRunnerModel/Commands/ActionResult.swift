/// How one action of the profile fared.
public struct ActionResult: Codable, Sendable, Equatable {
    public var name: String
    public var command: String
    /// The trigger in the profile's words (`at 40%`, `after 12000 requests`, `at end`).
    public var when: String
    public var required: Bool
    /// The execution; nil when the action never ran (see `skippedBecause`).
    public var run: CommandRun?
    /// Why it did not run: the run ended (or was stopped) before its moment, or a required action failed first.
    public var skippedBecause: String?
    /// Requests sent since the run started when it started (counted for `after_requests` actions); nil otherwise.
    public var requestsSentAtStart: Int?
    /// For an action started during the load that outlived it: how long the run waited for it after the load
    /// ended, in seconds; nil otherwise.
    public var waitedAfterLoadSeconds: Double?

    public init(
        name: String, command: String, when: String, required: Bool, run: CommandRun?, skippedBecause: String?,
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
    public var whenStarted: String {
        guard let sent = requestsSentAtStart else { return when }
        return "\(when) (\(sent) sent)"
    }

    /// Ran and exited 0.
    public var succeeded: Bool { run?.succeeded ?? false }

    /// A required action that did not succeed (failed, or never ran): it fails the run.
    public var failsRun: Bool { required && !succeeded }
}

/// How one check fared: the command's output against the expected value.
public struct CheckResult: Codable, Sendable, Equatable {
    public var name: String
    /// The command run, or for a metric check the metric path read (the same as `metric`).
    public var command: String
    /// The metric path a metric check read (`total.failed`); nil for a command check.
    public var metric: String?
    public var comparison: CheckComparison
    /// The expectation as written, e.g. `{{ requests.insert.ok }}`, and its value for this run, e.g. `30000`.
    public var expression: String
    public var expected: String?
    /// The command output's first line, trimmed, or the metric's value (what was compared).
    public var actual: String?
    public var passed: Bool
    /// Why it failed, in words: `got 29998, expected 30000`, `output "abc" is not a number`, `exit 1`.
    public var problem: String?
    /// The execution; nil when it never ran (for example, the expectation could not be evaluated).
    public var run: CommandRun?

    public init(
        name: String, command: String, comparison: CheckComparison, expression: String, expected: String?,
        actual: String?, passed: Bool, problem: String?, run: CommandRun?, metric: String? = nil
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
