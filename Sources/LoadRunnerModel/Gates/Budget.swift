/// A metric two runs are compared on, and which direction is better for it.
package enum CompareMetric: String, Codable, Sendable, CaseIterable {
    case p50, p95, p99, max
    case rps
    case errorRate = "error_rate"

    /// True when a larger value is better (throughput); false for latencies and errors.
    package var higherIsBetter: Bool { MetricID(.total, measure).polarity == .higherIsBetter }

    /// What this metric reads in the one metric model (`MetricValues`).
    package var measure: MetricMeasure {
        switch self {
        case .p50: .percentile(50)
        case .p95: .percentile(95)
        case .p99: .percentile(99)
        case .max: .max
        case .rps: .rps
        case .errorRate: .errorRate
        }
    }

    /// The compared metric that reads `measure`; nil for a measure `compare` does not judge per request.
    package init?(_ measure: MetricMeasure) {
        guard let found = Self.allCases.first(where: { $0.measure == measure }) else { return nil }
        self = found
    }

    /// The unit values of this metric are kept in, as the metric model writes it: `us` for latencies, `req/s`,
    /// or `share` (0...1) for the error rate.
    package var unit: String { MetricID(.total, measure).unit().symbol }
}

/// How much a metric may get worse before `compare` calls it a regression, e.g. `p95 > +10% and +2ms`:
/// the change must exceed every limit given (relative and absolute) in the bad direction, and be
/// statistically credible, to count.
package struct Budget: Codable, Sendable, Equatable {
    package var metric: CompareMetric
    /// Allowed relative worsening as a fraction (0.10 for 10%), or nil for none.
    package var relative: Double?
    /// Allowed absolute worsening in the metric's unit (microseconds, req/s, or a 0...1 share of
    /// requests for the error rate), or nil for none.
    package var absolute: Double?
    /// The text it was written as, for messages and reports.
    package var text: String

    package init(metric: CompareMetric, relative: Double?, absolute: Double?, text: String) {
        self.metric = metric
        self.relative = relative
        self.absolute = absolute
        self.text = text
    }

    /// The budgets used when neither the command line nor the profile names any.
    package static let defaults: [Budget] = [
        Budget(metric: .p50, relative: 0.10, absolute: 1_000, text: "p50 > +10% and +1ms"),
        Budget(metric: .p95, relative: 0.10, absolute: 2_000, text: "p95 > +10% and +2ms"),
        Budget(metric: .p99, relative: 0.20, absolute: 5_000, text: "p99 > +20% and +5ms"),
        Budget(metric: .rps, relative: 0.10, absolute: nil, text: "rps < -10%"),
        Budget(metric: .errorRate, relative: nil, absolute: 0.01, text: "error_rate > +1%"),
    ]
}
