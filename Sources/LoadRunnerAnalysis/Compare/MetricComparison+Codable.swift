import LoadRunnerModel

/// `compare.json` keeps the shapes it always had: a request row has `name`, `method` and `budget`; a monitor row
/// (under `resources`) has `process` and, for a command monitor, `commandUnit`. `metric` is the compare name
/// (`MetricID.compareName`; a flow or visibility row's whole path, `visibility[user/get].p95`).
extension MetricComparison: Codable {
    private enum CodingKeys: String, CodingKey {
        case stage, name, method, process, metric, commandUnit, baseline, candidate, change, relativeChange, interval
        case baselineSeconds, candidateSeconds, lowSampleCount, budget, verdict
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let process = try container.decodeIfPresent(String.self, forKey: .process)
        let commandUnit = try container.decodeIfPresent(String.self, forKey: .commandUnit)
        let name = try process ?? container.decode(String.self, forKey: .name)
        let method = try container.decodeIfPresent(String.self, forKey: .method) ?? ""
        let subject: MetricID.Subject = if process == nil {
            name == RequestStats.aggregatedName && method.isEmpty ? .total : .request(name)
        } else {
            commandUnit == nil ? .monitor(name) : .command(name)
        }
        let metricName = try container.decode(String.self, forKey: .metric)
        let probeOrFlow: MetricID? = if case .success(let id) = MetricID.parse(metricName), id.isProbeOrFlow { id } else { nil }
        guard let metric = probeOrFlow ?? MetricID(compareName: metricName, subject: subject) else {
            throw DecodingError.dataCorruptedError(
                forKey: .metric, in: container, debugDescription: "no compared metric \(metricName)")
        }
        self.init(
            stage: try container.decode(Int.self, forKey: .stage), name: name, method: method, metric: metric,
            commandUnit: commandUnit, baseline: try container.decodeIfPresent(Double.self, forKey: .baseline),
            candidate: try container.decodeIfPresent(Double.self, forKey: .candidate),
            interval: try container.decodeIfPresent(ConfidenceInterval.self, forKey: .interval),
            baselineSeconds: try container.decode(Int.self, forKey: .baselineSeconds),
            candidateSeconds: try container.decode(Int.self, forKey: .candidateSeconds),
            lowSampleCount: try container.decode(Bool.self, forKey: .lowSampleCount),
            budget: try container.decodeIfPresent(Budget.self, forKey: .budget),
            verdict: try container.decode(CompareVerdict.self, forKey: .verdict))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stage, forKey: .stage)
        if isMonitor {
            try container.encode(name, forKey: .process)
            try container.encodeIfPresent(commandUnit, forKey: .commandUnit)
        } else {
            try container.encode(name, forKey: .name)
            try container.encode(method, forKey: .method)
            try container.encodeIfPresent(budget, forKey: .budget)
        }
        try container.encode(metric.compareName, forKey: .metric)
        try container.encodeIfPresent(baseline, forKey: .baseline)
        try container.encodeIfPresent(candidate, forKey: .candidate)
        try container.encodeIfPresent(change, forKey: .change)
        try container.encodeIfPresent(relativeChange, forKey: .relativeChange)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encode(baselineSeconds, forKey: .baselineSeconds)
        try container.encode(candidateSeconds, forKey: .candidateSeconds)
        try container.encode(lowSampleCount, forKey: .lowSampleCount)
        try container.encode(verdict, forKey: .verdict)
    }
}
