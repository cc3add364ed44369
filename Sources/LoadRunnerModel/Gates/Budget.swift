/// How much a metric may get worse before `compare` calls it a regression, e.g. `p95 > +10% and +2ms`:
/// the change must exceed every limit given (relative and absolute) in the bad direction, and be
/// statistically credible, to count.
///
/// `metric` is a request measure of all requests (`MetricID.comparedRequestMeasures`, subject `.total`), which
/// applies to that measure of every request name and of the `Aggregated` row; or a visibility or flow path
/// (`visibility[user/get].stale_rate`, `visibility.p95`, `flow[checkout].p95`), which applies to that row alone.
package struct Budget: Codable, Sendable, Equatable {
    package var metric: MetricID
    /// Allowed relative worsening as a fraction (0.10 for 10%), or nil for none.
    package var relative: Double?
    /// Allowed absolute worsening in the metric's unit (microseconds, req/s, or a 0...1 share of
    /// requests for the error rate), or nil for none.
    package var absolute: Double?
    /// The text it was written as, for messages and reports.
    package var text: String

    package init(metric: MetricID, relative: Double?, absolute: Double?, text: String) {
        self.metric = metric
        self.relative = relative
        self.absolute = absolute
        self.text = text
    }

    /// The budgets used when neither the command line nor the profile names any.
    package static let defaults: [Budget] = [
        Budget(metric: MetricID(.total, .percentile(50)), relative: 0.10, absolute: 1_000, text: "p50 > +10% and +1ms"),
        Budget(metric: MetricID(.total, .percentile(95)), relative: 0.10, absolute: 2_000, text: "p95 > +10% and +2ms"),
        Budget(metric: MetricID(.total, .percentile(99)), relative: 0.20, absolute: 5_000, text: "p99 > +20% and +5ms"),
        Budget(metric: MetricID(.total, .rps), relative: 0.10, absolute: nil, text: "rps < -10%"),
        Budget(metric: MetricID(.total, .errorRate), relative: nil, absolute: 0.01, text: "error_rate > +1%"),
    ]
}

extension Budget {
    private enum CodingKeys: String, CodingKey {
        case metric, relative, absolute, text
    }

    /// Reads a budget of `result.json` or `compare.json`, its metric by its compare name (`p95`).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .metric)
        let probeOrFlow: MetricID? = if case .success(let id) = MetricID.parse(name), id.isProbeOrFlow { id } else { nil }
        guard let metric = probeOrFlow ?? MetricID(compareName: name, subject: .total) else {
            throw DecodingError.dataCorruptedError(
                forKey: .metric, in: container, debugDescription: "no compared metric \(name)")
        }
        self.init(metric: metric, relative: try container.decodeIfPresent(Double.self, forKey: .relative),
                  absolute: try container.decodeIfPresent(Double.self, forKey: .absolute),
                  text: try container.decode(String.self, forKey: .text))
    }

    /// Writes the metric by its compare name, so that the JSON keeps the shape it always had.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric.compareName, forKey: .metric)
        try container.encodeIfPresent(relative, forKey: .relative)
        try container.encodeIfPresent(absolute, forKey: .absolute)
        try container.encode(text, forKey: .text)
    }
}
