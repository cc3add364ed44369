/// A moment of the run at which an action's command starts.
package enum ActionTrigger: Sendable, Equatable {
    /// This long after the run started (`at: 90s`).
    case atTime(Duration)
    /// This share (0...1) of the planned run time (`at: 40%`); only for profiles whose stages all end by time.
    case atShare(Double)
    /// Once this many requests have been sent since the run started (`after_requests: 12000`).
    case afterRequests(Int)
    /// After the last stage, once the load has stopped and before the checks (`at: end`).
    case end

    /// Whether an action with this trigger is due `nowMicros` into a run planned to last `plannedMicros`,
    /// with `requestsSent` sent so far. `end` is never due during the load.
    package func isDue(nowMicros: Int64, requestsSent: Int, plannedMicros: Int64) -> Bool {
        switch self {
        case .atTime(let duration): nowMicros >= duration.micros
        case .atShare(let share): Double(nowMicros) >= share * Double(plannedMicros)
        case .afterRequests(let count): requestsSent >= count
        case .end: false
        }
    }
}

/// A command the profile runs at a moment of the run (`actions:`), e.g. stopping a replica.
package struct ActionSpec: Sendable, Equatable {
    /// The name reports use (`name:`, else the command).
    package var name: String
    package var trigger: ActionTrigger
    /// The trigger in the profile's words, for reports: `at 90s`, `at 40%`, `after 12000 requests`, `at end`.
    package var when: String
    /// Run with `/bin/sh -c` in LoadRunner's working directory.
    package var command: String
    /// When true, a failing action (non-zero exit, timeout, could not start) fails the run and stops its load.
    package var required: Bool
    /// The longest the command may run before its whole process group is killed.
    package var timeout: Duration

    package static let defaultTimeout = Duration.seconds(120)

    package init(name: String, trigger: ActionTrigger, when: String, command: String, required: Bool, timeout: Duration) {
        self.name = name
        self.trigger = trigger
        self.when = when
        self.command = command
        self.required = required
        self.timeout = timeout
    }
}

/// How a check compares a command's output with its expected value.
package enum CheckComparison: String, Codable, Sendable, Equatable, CaseIterable {
    /// Numerically equal when both are numbers, else the same text.
    case equals
    /// The output is a number at least the expected value.
    case atLeast = "at_least"
    /// The output is a number at most the expected value.
    case atMost = "at_most"
}

/// A rule judged after the run (`checks:`): a command's output (`run:`) or one of the run's metrics (`metric:`)
/// must match an expression over the run's numbers.
package struct CheckSpec: Sendable, Equatable {
    /// The name reports use (`name:`, else the command or the metric path).
    package var name: String
    /// Run with `/bin/sh -c` in LoadRunner's working directory; "" for a metric check.
    package var command: String
    /// The metric compared, over the whole run (`metric: total.failed`); nil for a command check.
    package var metric: MetricID?
    package var comparison: CheckComparison
    /// The expected value: literal text, or a template such as `{{ requests.insert.ok }}`.
    package var expected: CheckExpression
    package var timeout: Duration

    package static let defaultTimeout = Duration.seconds(60)

    package init(
        name: String, command: String, metric: MetricID? = nil, comparison: CheckComparison, expected: CheckExpression,
        timeout: Duration
    ) {
        self.name = name
        self.command = command
        self.metric = metric
        self.comparison = comparison
        self.expected = expected
        self.timeout = timeout
    }
}

/// A command run at a fixed interval during the run whose numeric output becomes a time series
/// (a `monitors:` entry with `run:`), e.g. a replica's replication lag.
package struct CommandMonitorSpec: Sendable, Equatable {
    package var name: String
    /// Run with `/bin/sh -c` in LoadRunner's working directory; its output's first word must be a number.
    package var command: String
    /// How often the command runs; at least 100 ms. A run still going when the next is due is not doubled:
    /// that sample is recorded as missing.
    package var interval: Duration
    /// Unit of the values, for reports and charts (`bytes`, `ms`, `rows`, ...); "" when none.
    package var unit: String

    package init(name: String, command: String, interval: Duration, unit: String) {
        self.name = name
        self.command = command
        self.interval = interval
        self.unit = unit
    }
}
