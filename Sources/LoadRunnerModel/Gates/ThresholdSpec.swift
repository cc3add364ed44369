/// One pass/fail rule from a profile's `thresholds:`, e.g. `stage 2: user/get: p95 < 200ms`, parsed.
///
/// Judged on every stage window it applies to (`ThresholdEvaluator`). `metric` is a path of the one metric model:
/// a request measure of all requests (`.total`) or of one request name (`.request`, written `NAME: p95`), or a
/// series of the generator or a monitor. `value` is in the metric's base unit (`unit`): microseconds for
/// latencies, a 0...1 share for the error rate, requests per second for `rps`, bytes per second for
/// `received_bytes_per_s`, a count for `requests` and `failures`; open stages add `service.pN`/`service.max` and
/// `lag.p99`/`lag.max` (microseconds), `missed` (a count), `missed_rate` (a share), `achieved_rps` and `target_rps`.
package struct ThresholdSpec: Sendable, Equatable {
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

    /// Only this stage, 1-based (`stage 2: ...`); nil for every stage.
    package var stage: Int?
    /// What is judged; a request name (`user/get: ...`) is the metric's subject.
    package var metric: MetricID
    package var op: Operator
    /// The limit in the metric's base unit (see `unit`).
    package var value: Double
    /// Stop the run at the end of the first stage window in which this threshold fails.
    package var abortOnFail: Bool
    /// The threshold as written, surrounding spaces removed.
    package var text: String
    /// 1-based line in the profile; nil when not read from a file.
    package var line: Int?

    package init(
        stage: Int? = nil, metric: MetricID, op: Operator, value: Double, abortOnFail: Bool = false, text: String,
        line: Int? = nil
    ) {
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

    /// Only this request name's row (`user/get: ...`); nil for all requests (the stage's Aggregated row) and series.
    package var requestName: String? {
        if case .request(let name) = metric.subject { name } else { nil }
    }

    /// True for a series of the generator or a monitor, visibility probes or flow iterations: judged on the whole
    /// run's result only, not mid-run (`abort_on_fail` does not stop a run for it).
    package var isSeries: Bool {
        switch metric.subject {
        case .total, .request: false
        case .generator, .monitor, .command, .visibility, .flow: true
        }
    }

    /// The metric as thresholds name it (messages, `result.json`): the threshold spelling of a request measure
    /// (`p95`, `avg`, `error_rate`, `requests`, `failures`; `med` shows as `p50`), else the path.
    package var metricName: String { Self.name(of: metric) }

    /// The base unit `value` and observed figures are kept in: `us`, `share`, `req/s`, `count`, or the series'
    /// own unit (`%`, `bytes`, a command monitor's unit).
    package var unit: String {
        let unit = metric.unit()
        return unit == .requests ? "count" : unit.symbol
    }

    /// How thresholds name `metric`: the threshold spelling of a request measure, else the path.
    package static func name(of metric: MetricID) -> String {
        switch metric.subject {
        case .total, .request: name(of: metric.measure) ?? metric.description
        case .generator, .monitor, .command, .visibility, .flow: metric.description
        }
    }

    /// The threshold spelling of a request measure; nil for measures thresholds do not read of requests.
    package static func name(of measure: MetricMeasure) -> String? {
        switch measure {
        case .percentile: measure.name
        case .mean: "avg"
        case .min: "min"
        case .max: "max"
        case .errorRate: "error_rate"
        case .rps: "rps"
        case .receivedBytesPerSecond: "received_bytes_per_s"
        case .count: "requests"
        case .failed: "failures"
        case .servicePercentile, .serviceMax, .lagP99, .lagMax, .missed, .missedRate, .achievedRPS, .targetRPS: measure.name
        default: nil
        }
    }
}
