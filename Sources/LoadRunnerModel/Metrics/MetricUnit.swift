import LoadRunnerText

/// The unit a metric's values are kept in; every value is a `Double` in this unit.
package enum MetricUnit: Sendable, Hashable {
    /// Latencies and lags.
    case microseconds
    /// A number of requests.
    case requests
    /// Requests per second.
    case perSecond
    /// CPU time in % of one core (200 = two cores busy).
    case percent
    case bytes
    case bytesPerSecond
    /// A share, 0...1 (the error rate).
    case ratio
    /// A number of samples.
    case count
    /// A command monitor's own unit (`unit:` in the profile, e.g. `rows`); "" when none was given.
    case custom(String)

    /// The unit as shown after a value in messages: `us`, `req`, `req/s`, `%`, `bytes`, `bytes/s`, `share`, ...
    package var symbol: String {
        switch self {
        case .microseconds: "us"
        case .requests: "req"
        case .perSecond: "req/s"
        case .percent: "%"
        case .bytes: "bytes"
        case .bytesPerSecond: "bytes/s"
        case .ratio: "share"
        case .count: "count"
        case .custom(let text): text
        }
    }
}

/// Which direction of change is better for a metric.
package enum Polarity: Sendable, Hashable {
    case lowerIsBetter
    case higherIsBetter
}
