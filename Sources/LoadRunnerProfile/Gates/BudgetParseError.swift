import LoadRunnerModel

/// Why a budget's text is not one; `description` quotes the text, says what is wrong and what to write:
/// `"rps > +10%" points the wrong way: rps gets worse when it goes down; write "rps < -10%"`.
package struct BudgetParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Error, Sendable, Equatable {
        case empty
        case unknownMetric(String, suggestion: String?)
        case missingOperator
        /// Nothing after the operator, or after `and`.
        case missingLimit(after: String)
        /// A limit that is not a number with a unit this metric takes.
        case badLimit(String, metric: MetricID)
        /// A latency amount without a unit; `suggestion` is the whole budget corrected.
        case latencyWithoutUnit(String, suggestion: String)
        /// An error-rate limit above 100%.
        case shareAboveWhole(String)
        case tooManyLimits
        /// Two percentages, or two amounts (for the error rate: two limits of any kind).
        case twoOfAKind(percentages: Bool, metric: MetricID)
        /// `<` for a metric that is worse when up, a `-` limit on it, or the reverse for rps.
        case wrongDirection(metric: MetricID, suggestion: String)
        case missingSign(suggestion: String)
        /// `>=`, `==`, ...
        case unsupportedOperator(String, suggestion: String)
        /// A limit beyond `ProfileLimits` (`+99999999s`, `+1000000%`); `max` as written.
        case limitTooLarge(String, max: String)
    }

    /// The budget as written.
    package var text: String
    package var reason: Reason

    package init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    static let metricList = "p50, p95, p99, max, rps, error_rate, received_bytes_per_s"

    package var description: String { "\"\(text)\" " + explanation }

    /// What is wrong and what to write, continuing after the quoted text.
    var explanation: String {
        switch reason {
        case .empty:
            "is empty; write a budget such as \"p95 > +10% and +2ms\" or \"rps < -5%\""
        case .unknownMetric(let metric, let suggestion?):
            "has no metric `\(metric)`; did you mean `\(suggestion)`? (compare knows \(Self.metricList))"
        case .unknownMetric(let metric, nil):
            "has no metric `\(metric)`; compare knows \(Self.metricList)"
        case .missingOperator:
            "has no comparison; write e.g. \"p95 > +10% and +2ms\" or \"rps < -5%\""
        case .missingLimit(let after):
            "has no limit after \"\(after)\"; write e.g. \"p95 > +10% and +2ms\""
        case .badLimit(let limit, let metric):
            "gives \"\(limit)\", which is not a limit for \(metric.compareName); write \(Self.limitExamples(metric))"
        case .latencyWithoutUnit(let limit, let suggestion):
            "gives \(limit) without a unit; write \"\(suggestion)\" (units: us, ms, s; or % for a relative limit)"
        case .shareAboveWhole(let limit):
            "gives \"\(limit)\", above 100% of requests; write e.g. \"+1%\" (one percentage point) or \"+0.01\""
        case .tooManyLimits:
            "has more than two limits; give at most one percentage and one amount, e.g. \"p95 > +10% and +2ms\""
        case .twoOfAKind(_, let metric) where metric.measure == .errorRate:
            "gives two limits; error_rate takes one, in percentage points (\"+1%\") or as a share (\"+0.01\")"
        case .twoOfAKind(let percentages, let metric):
            "gives two \(percentages ? "percentages" : "amounts"); join one percentage and one amount, e.g. "
                + Self.twoLimitsExample(metric)
        case .wrongDirection(let metric, let suggestion):
            "points the wrong way: \(metric.compareName) gets worse when it goes \(metric.higherIsBetter ? "down" : "up"); "
                + "write \"\(suggestion)\""
        case .missingSign(let suggestion):
            "needs a sign on each limit (+ for a metric that is worse when up, - for rps); write \"\(suggestion)\""
        case .unsupportedOperator(let op, let suggestion):
            "compares with \"\(op)\"; budgets use > (< for rps); write \"\(suggestion)\""
        case .limitTooLarge(let limit, let max):
            "gives \"\(limit)\", which is too large; the most is \(max); write a limit a run can reach"
        }
    }

    /// A budget of `metric` with one percentage and one amount.
    static func twoLimitsExample(_ metric: MetricID) -> String {
        switch metric.measure {
        case .rps: "\"rps < -5% and -50\""
        case .achievedRPS: "\"achieved_rps < -5% and -50\""
        case .missed: "\"missed > +10% and +5\""
        case .receivedBytesPerSecond: "\"received_bytes_per_s < -5% and -1MB/s\""
        default: "\"\(metric.compareName) > +10% and +2ms\""
        }
    }

    /// What limits `metric` takes, as examples.
    static func limitExamples(_ metric: MetricID) -> String {
        switch metric.measure {
        case .rps, .achievedRPS:
            "a percentage (\"-5%\") or requests per second (\"-50\")"
        case .missed:
            "a percentage (\"+10%\") or a number of requests (\"+5\")"
        case .receivedBytesPerSecond:
            "a percentage (\"-5%\") or bytes per second (\"-1MB/s\", \"-500kB/s\", \"-2000\")"
        case .errorRate:
            "percentage points (\"+1%\") or a share (\"+0.01\")"
        default:
            "a percentage (\"+10%\") or a time (\"+2ms\", \"+500us\", \"+1s\")"
        }
    }
}
