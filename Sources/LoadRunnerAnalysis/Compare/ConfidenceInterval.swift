/// A bootstrap confidence interval of `candidate - baseline`: of a request measure's window statistic
/// (`BlockBootstrap`), or of a monitor's mean of per-second values (`Bootstrap`).
///
/// `low`/`high` are in the metric's unit (microseconds, req/s, or a 0...1 share); `relativeLow`/`relativeHigh`
/// are fractions of the baseline (0.12 for +12%), nil when a resampled baseline value was 0 (the ratio is
/// undefined). Both come from the same resamples, so their signs always agree.
package struct ConfidenceInterval: Codable, Sendable, Equatable {
    /// The confidence level, e.g. 0.95.
    package let confidence: Double
    package let low: Double
    package let high: Double
    package let relativeLow: Double?
    package let relativeHigh: Double?

    package init(confidence: Double, low: Double, high: Double, relativeLow: Double?, relativeHigh: Double?) {
        self.confidence = confidence
        self.low = low
        self.high = high
        self.relativeLow = relativeLow
        self.relativeHigh = relativeHigh
    }

    /// True when the whole interval lies strictly above zero (`direction` > 0) or strictly below it (< 0).
    package func excludesZero(towards direction: Double) -> Bool {
        direction > 0 ? low > 0 : (direction < 0 ? high < 0 : false)
    }
}
