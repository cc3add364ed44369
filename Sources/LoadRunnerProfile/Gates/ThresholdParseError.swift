/// Why a threshold's text is not one; `description` quotes the text, says what is wrong and what to write.
///
/// `"p95 < 200" gives 200 without a unit; write "p95 < 200ms" (units: us, ms, s)`. The profile decoder
/// puts it after the key path (`thresholds[0] "p95 < 200" ...`); the CLI can print it as it is.
package struct ThresholdParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Error, Sendable, Equatable {
        case empty
        /// No `<`, `<=`, `>` or `>=`.
        case missingOperator
        /// A comparison LoadRunner does not have, e.g. `==`, `!=`, `=<`.
        case unsupportedOperator(String)
        case missingMetric(op: String)
        case unknownMetric(String, suggestion: String?)
        /// `p(0)`, `p101`.
        case percentileOutOfRange(String)
        case missingValue(op: String)
        /// A latency written as a bare number; `suggestion` is the whole threshold with `ms` added.
        case latencyWithoutUnit(String, suggestion: String)
        case notALatency(String)
        case notAShare(String)
        case notARate(String)
        /// Not bytes per second (a number, or one with `B/s`, `kB/s`, `MB/s`, `GB/s`).
        case notAByteRate(String)
        case notACount(String, metric: String)
        /// Not a plain number for a series in its own unit (`%` of a core, bytes, a command monitor's unit).
        case notAnAmount(String, unit: String)
        /// A `requests[NAME].M` path: thresholds scope a request by name (`NAME: M`), as suggested.
        case requestPath(String, suggestion: String)
        /// A series path (`monitor[db].cpu`) scoped by a request name, which it has nothing to do with.
        case seriesWithName(String, name: String)
        /// `stage two: ...`, `stage 0: ...`.
        case stageNotNumber(String)
        /// `stage 1: stage 2: ...`.
        case twoStages
        /// `: p95 < 1s`.
        case emptyScope
        /// A value beyond `ProfileLimits` (`p99 < 9999999s`); `max` as written.
        case valueTooLarge(String, max: String)
    }

    /// The threshold as written.
    package var text: String
    package var reason: Reason

    package init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// The metrics a threshold may use, for messages.
    static let metricList = "p(N) or pN, med, avg, min, max, error_rate, rps, requests, failures, received_bytes_per_s"
    static let operatorList = "<, <=, > or >="

    package var description: String { "\"\(text)\" " + explanation }

    /// What is wrong and what to write, continuing after the quoted text.
    var explanation: String {
        switch reason {
        case .empty:
            "is empty; write a threshold such as \"p95 < 200ms\""
        case .missingOperator:
            "has no comparison; write e.g. \"p95 < 200ms\" (operators: \(Self.operatorList))"
        case .unsupportedOperator(let op):
            "compares with \"\(op)\"; use \(Self.operatorList)"
        case .missingMetric(let op):
            "has no metric before \"\(op)\"; write e.g. \"p95 \(op) 200ms\" (metrics: \(Self.metricList))"
        case .unknownMetric(let metric, let suggestion?):
            "has no metric `\(metric)`; did you mean `\(suggestion)`?"
        case .unknownMetric(let metric, nil):
            "has no metric `\(metric)`; use one of: \(Self.metricList)"
        case .percentileOutOfRange(let metric):
            "asks for `\(metric)`; a percentile must be above 0 and at most 100, e.g. p95 or p(99.9)"
        case .missingValue(let op):
            "has no value after \"\(op)\"; write e.g. \"p95 \(op) 200ms\""
        case .latencyWithoutUnit(let value, let suggestion):
            "gives \(value) without a unit; write \"\(suggestion)\" (units: us, ms, s)"
        case .notALatency(let value):
            "gives \"\(value)\", which is not a latency; write a number with a unit (us, ms or s), e.g. \"200ms\" or \"1.5s\""
        case .notAShare(let value):
            "gives \"\(value)\", which is not an error rate; write a percentage or a share from 0 to 1, "
                + "e.g. \"1%\" or \"0.01\""
        case .notARate(let value):
            "gives \"\(value)\", which is not a rate; rps is requests per second: write a number, e.g. \"rps > 100\""
        case .notAByteRate(let value):
            "gives \"\(value)\", which is not a byte rate; write bytes per second, a number or one with B/s, kB/s, MB/s "
                + "or GB/s (1 kB = 1000 bytes), e.g. \"received_bytes_per_s > 1MB/s\""
        case .notACount(let value, let metric):
            "gives \"\(value)\", which is not a count; \(metric) is a whole number, e.g. "
                + (metric == "failures" ? "\"failures < 10\"" : "\"\(metric) > 1000\"")
        case .stageNotNumber(let stage):
            "names stage \"\(stage)\"; write the stage as a number from 1, e.g. \"stage 2: p95 < 200ms\""
        case .twoStages:
            "names more than one stage; name one, e.g. \"stage 2: p95 < 200ms\", or none for every stage"
        case .emptyScope:
            "has nothing before \":\"; write a request name (\"user/get: p95 < 200ms\") or remove the \":\""
        case .notAnAmount(let value, let unit):
            "gives \"\(value)\", which is not a number\(unit.isEmpty ? "" : " (in \(unit))"); write e.g. `< 80`"
        case .requestPath(let metric, let suggestion):
            "names `\(metric)`; a threshold scopes a request by name: write \"\(suggestion) < ...\""
        case .seriesWithName(let metric, let name):
            "scopes `\(metric)` by the request name \"\(name)\", which it does not depend on; remove \"\(name):\""
        case .valueTooLarge(let value, let max):
            "gives \"\(value)\", which is too large; the most is \(max); write a limit a run can reach"
        }
    }
}
