/// The names `compare` has always written for its metrics (`compare.json`, `compare.csv`, reports, and budgets in
/// `result.json`): the one place a `MetricID` maps to and from that older spelling.
extension MetricID {
    /// The request measures `compare` judges per stage and request name, in the order its tables list them.
    package static let comparedRequestMeasures: [MetricMeasure] = [
        .percentile(50), .percentile(95), .percentile(99), .max, .rps, .errorRate, .receivedBytesPerSecond,
    ]

    /// The request measures `compare` adds after `comparedRequestMeasures` for a stage that is open in either run
    /// (closed-only comparisons keep their tables as they were).
    package static let comparedOpenMeasures: [MetricMeasure] = [.servicePercentile(95), .lagP99, .missed, .achievedRPS]

    /// The process monitor measures `compare` reports per stage (PSS only when both runs measured it).
    package static let comparedProcessMeasures: [MetricMeasure] = [.cpu, .rss, .pss, .diskRead]

    /// The visibility measures `compare` judges per stage and read (then for every read together).
    package static let comparedVisibilityMeasures: [MetricMeasure] = [
        .percentile(50), .percentile(95), .percentile(99), .staleRate, .notVisibleRate,
    ]

    /// The flow measures `compare` judges per stage and flow.
    package static let comparedFlowMeasures: [MetricMeasure] = [
        .percentile(50), .percentile(95), .percentile(99), .completed, .skippedRate,
    ]

    /// True for a metric of visibility probes or flow iterations: its compare name is its whole path.
    package var isProbeOrFlow: Bool {
        switch subject {
        case .visibility, .flow: true
        case .total, .request, .generator, .monitor, .command: false
        }
    }

    /// `p50`, `max`, `rps`, `error_rate`, `received_bytes_per_s`, `service.p95`, `lag.p99`, `missed`, `achieved_rps`; `cpu_pct`, `rss_bytes`, `pss_bytes`, `read_bytes_per_s` for a process
    /// monitor; `mean` for a command monitor; the whole path for visibility and flows (`visibility[user/get].p95`).
    package var compareName: String {
        if isProbeOrFlow { return description }
        guard case .monitor = subject else { return measure.name }
        return switch measure {
        case .cpu: "cpu_pct"
        case .rss: "rss_bytes"
        case .pss: "pss_bytes"
        case .diskRead: "read_bytes_per_s"
        default: measure.name
        }
    }

    /// The metric of `subject` that `compare` names `name`; nil for a name it does not write for that subject.
    package init?(compareName name: String, subject: Subject) {
        if MetricID(subject, .max).isProbeOrFlow {
            guard case .success(let metric) = MetricID.parse(name), metric.isProbeOrFlow else { return nil }
            self = metric
            return
        }
        let measures: [MetricMeasure] = switch subject {
        case .total, .request: Self.comparedRequestMeasures + Self.comparedOpenMeasures
        case .monitor: Self.comparedProcessMeasures
        case .command: [.mean]
        case .generator: []
        case .visibility, .flow: []
        }
        guard let measure = measures.first(where: { MetricID(subject, $0).compareName == name }) else { return nil }
        self.init(subject, measure)
    }

    /// True when a larger value is better (`polarity`).
    package var higherIsBetter: Bool { polarity == .higherIsBetter }
}
