/// One pass/fail rule from a profile's `thresholds:`, e.g. `stage 2: user/get: p95 < 200ms`, parsed.
///
/// Judged on every stage window it applies to (`ThresholdEvaluator`). `value` is in the metric's base unit
/// (`Metric.unit`): microseconds for latencies, a 0...1 share for the error rate, requests per second for
/// `rps`, a count for `requests` and `failures`.
package struct ThresholdSpec: Sendable, Equatable {
    /// What a threshold measures in a stage window.
    package enum Metric: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// The latency at this percentile, above 0 and at most 100 (`p95`, `p(99.9)`; `med` is 50).
        case percentile(Double)
        /// Mean, smallest and largest latency.
        case avg, min, max
        /// Failed share of the window's requests, 0...1.
        case errorRate
        /// Completed requests per second of window.
        case rps
        /// Completed requests, failures included.
        case requests
        /// Failed requests.
        case failures
        /// Any other series of the metric model, by path: the generator (`generator.cpu`), a process monitor
        /// (`monitor[db].cpu_max`) or a command monitor (`command[replica2 lag].max`); judged on the whole run's
        /// result only, not mid-run (`abort_on_fail` does not stop a run for it).
        case series(MetricID)

        /// How the value is measured, which decides its unit and how a missing window is judged.
        package enum Kind: Sendable, Equatable {
            case latency, share, rate, count
            /// A plain number in the series' own unit (% of a core, bytes, a command monitor's unit).
            case amount
        }

        package var kind: Kind {
            switch self {
            case .percentile, .avg, .min, .max: .latency
            case .errorRate: .share
            case .rps: .rate
            case .requests, .failures: .count
            case .series(let id):
                switch id.unit() {
                case .microseconds: .latency
                case .ratio: .share
                case .perSecond: .rate
                case .requests, .count: .count
                case .percent, .bytes, .bytesPerSecond, .custom: .amount
                }
            }
        }

        /// The base unit `value` and observed figures are kept in: `us`, `share`, `req/s` or `count`.
        package var unit: String {
            switch kind {
            case .latency: "us"
            case .share: "share"
            case .rate: "req/s"
            case .count: "count"
            case .amount: if case .series(let id) = self { id.unit().symbol } else { "" }
            }
        }

        /// What this threshold spelling reads in the one metric model (`MetricValues`).
        package var measure: MetricMeasure {
            switch self {
            case .percentile(let percentile): .percentile(percentile)
            case .avg: .mean
            case .min: .min
            case .max: .max
            case .errorRate: .errorRate
            case .rps: .rps
            case .requests: .count
            case .failures: .failed
            case .series(let id): id.measure
            }
        }

        /// The threshold spelling of a request measure; nil for measures thresholds do not name this way.
        package init?(_ measure: MetricMeasure) {
            switch measure {
            case .percentile(let percentile): self = .percentile(percentile)
            case .mean: self = .avg
            case .min: self = .min
            case .max: self = .max
            case .errorRate: self = .errorRate
            case .rps: self = .rps
            case .count: self = .requests
            case .failed: self = .failures
            default: return nil
            }
        }

        /// The canonical name: `p95`, `p99.9`, `avg`, `error_rate`, ... (`med` is shown as `p50`).
        package var description: String {
            switch self {
            case .percentile(let percentile):
                percentile == percentile.rounded() ? "p\(Int(percentile))" : "p\(percentile)"
            case .avg: "avg"
            case .min: "min"
            case .max: "max"
            case .errorRate: "error_rate"
            case .rps: "rps"
            case .requests: "requests"
            case .failures: "failures"
            case .series(let id): id.description
            }
        }
    }

    /// How the observed figure must compare with `value` for the threshold to pass.
    package enum Operator: String, Sendable, Equatable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// True when `observed` satisfies `observed <op> limit`.
        package func holds(_ observed: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: observed < limit
            case .lessOrEqual: observed <= limit
            case .greater: observed > limit
            case .greaterOrEqual: observed >= limit
            }
        }
    }

    /// Only this request name's row (`user/get: ...`); nil for all requests (the stage's Aggregated row).
    package var requestName: String?
    /// Only this stage, 1-based (`stage 2: ...`); nil for every stage.
    package var stage: Int?
    package var metric: Metric
    package var op: Operator
    /// The limit in the metric's base unit (see `Metric.unit`).
    package var value: Double
    /// Stop the run at the end of the first stage window in which this threshold fails.
    package var abortOnFail: Bool
    /// The threshold as written, surrounding spaces removed.
    package var text: String
    /// 1-based line in the profile; nil when not read from a file.
    package var line: Int?

    package init(
        requestName: String? = nil, stage: Int? = nil, metric: Metric, op: Operator, value: Double,
        abortOnFail: Bool = false, text: String, line: Int? = nil
    ) {
        self.requestName = requestName
        self.stage = stage
        self.metric = metric
        self.op = op
        self.value = value
        self.abortOnFail = abortOnFail
        self.text = text
        self.line = line
    }

    /// True when the threshold is judged on stage `number`.
    package func applies(toStage number: Int) -> Bool { stage.map { $0 == number } ?? true }
}
