import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// How compared values are written: milliseconds for latencies, req/s for throughput, decimal byte units for
/// bytes received per second (`1.2 MB/s`), percent for the error rate (and percentage points for its changes); signed changes; through `ReportNumber` only.
enum CompareFormat {
    /// A value with its unit, e.g. `12.100 ms`, `1234.56 req/s`, `0.50%`; `-` when missing.
    static func value(_ value: Double?, _ metric: MetricID) -> String {
        guard let value else { return "-" }
        return number(value, metric) + unitSuffix(metric)
    }

    /// A signed change with its unit, e.g. `+2.800 ms`, `-12.50 req/s`, `+1.20 pp`; `-` when missing.
    static func change(_ change: Double?, _ metric: MetricID) -> String {
        guard let change else { return "-" }
        return signed(number(change, metric), change) + (metric.unit() == .ratio ? " pp" : unitSuffix(metric))
    }

    /// A signed relative change, e.g. `+23.4%`; `n/a` when undefined (a baseline of 0).
    static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "n/a" }
        return signed(ReportNumber.fixed(fraction * 100, decimals: 1), fraction) + "%"
    }

    /// The relative change with its interval, e.g. `+23.4% [+18.0%, +28.9%]`; the interval in the metric's unit
    /// when no relative one exists (`n/a [+0.50 pp, +1.90 pp]`); `(no CI: 2 s)` without an interval,
    /// `(no CI: 4 s, needs 20 s)` for a metric too short to judge, `(no interval: no per-second data)` for a flow or
    /// visibility row.
    static func changeWithInterval(_ comparison: MetricComparison) -> String {
        let point = percent(comparison.relativeChange)
        guard comparison.change != nil else { return point }
        if comparison.verdict == .tooShort {
            return point + " " + CompareMessages.tooShortInterval(
                seconds: min(comparison.baselineSeconds, comparison.candidateSeconds), needed: BlockBootstrap.minimumSeconds)
        }
        guard let interval = comparison.interval else {
            if comparison.metric.isProbeOrFlow { return point + " " + CompareMessages.noPerSecondInterval }
            return point + " " + CompareMessages.noInterval(
                seconds: min(comparison.baselineSeconds, comparison.candidateSeconds))
        }
        if let low = interval.relativeLow, let high = interval.relativeHigh {
            return "\(point) [\(percent(low)), \(percent(high))]"
        }
        let metric = comparison.metric
        return "\(point) [\(change(interval.low, metric)), \(change(interval.high, metric))]"
    }

    /// The interval for one-line messages: `+18.0%..+28.9%`, or in the metric's unit when no relative one exists.
    static func intervalRange(_ interval: ConfidenceInterval, _ metric: MetricID) -> String {
        if let low = interval.relativeLow, let high = interval.relativeHigh {
            return "\(percent(low))..\(percent(high))"
        }
        return "\(change(interval.low, metric))..\(change(interval.high, metric))"
    }

    /// The confidence level as a percentage, at most 2 decimals: `95%`, `99.83%`; never rounded up to `100%`.
    static func level(_ confidence: Double) -> String {
        let text = ReportNumber.trimmed(confidence * 100, maxDecimals: 2)
        return (text == "100" && confidence < 1 ? "99.99" : text) + "%"
    }

    /// A number for `compare.csv`, in the metric's own unit: microseconds with 1 decimal, req/s with 3,
    /// a 0...1 share with 6; empty when missing.
    static func csvNumber(_ value: Double?, _ metric: MetricID) -> String {
        guard let value else { return "" }
        switch metric.unit() {
        case .microseconds: return ReportNumber.fixed(value, decimals: 1)
        case .ratio: return ReportNumber.fixed(value, decimals: 6)
        default: return ReportNumber.fixed(value, decimals: 3)
        }
    }

    /// The value without its unit: ms with 3 decimals, req/s with 2, percent with 2; a byte rate in decimal units
    /// without its `/s` (`1.2 MB`).
    static func number(_ value: Double, _ metric: MetricID, latencyDecimals: Int = 3) -> String {
        switch metric.unit() {
        case .microseconds: return ReportNumber.millis(micros: value, decimals: latencyDecimals)
        case .ratio: return ReportNumber.percent(value)
        case .bytesPerSecond: return ReportNumber.bytes(value)
        case .count: return ReportNumber.fixed(value, decimals: 0)
        default: return ReportNumber.fixed(value, decimals: 2)
        }
    }

    /// What follows a value: ` ms` for latencies (shown in ms), `%` for the error rate, `/s` after a byte rate's
    /// unit, else the unit's symbol.
    static func unitSuffix(_ metric: MetricID) -> String {
        switch metric.unit() {
        case .microseconds: return " ms"
        case .ratio: return "%"
        case .bytesPerSecond: return "/s"
        case .count: return ""
        case let other: return " " + other.symbol
        }
    }

    /// `text` with a `+` in front for a positive value (a value of exactly 0 gets no sign).
    static func signed(_ text: String, _ value: Double) -> String {
        text.hasPrefix("-") || value == 0 ? text : "+" + text
    }
}
