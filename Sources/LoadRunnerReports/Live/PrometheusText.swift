import Foundation
import LoadRunnerModel

/// Writes a `LiveState` as Prometheus' text exposition format 0.0.4 (what `/metrics` serves): request and
/// failure counters (failures by error category), the latency histogram per request name in classic buckets, users,
/// open stages' target and achieved rate, the generator's CPU and lag, and the monitors' latest readings.
///
/// Every sample carries the time its second ended (milliseconds since 1970): the numbers are true as of then, not
/// as of the scrape, so `rate()` over a scraper's samples measures the run's seconds without aliasing between
/// the run's once-a-second updates and the scrape interval. Native histograms need the protobuf exposition
/// (`PrometheusProtobuf`, served to a client that asks for it), which encodes the same families.
package enum PrometheusText {
    /// The `Content-Type` of the format.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Classic bucket bounds of `loadrunner_request_duration_seconds`, in seconds: 1 ms to 10 s in 1-2.5-5 steps,
    /// the range of HTTP latency.
    package static let bucketBounds: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// The exposition of `state`; every family has its HELP and TYPE lines even before the first sample.
    package static func render(_ state: LiveState) -> String {
        let text = exposition(state).text
        guard let stamp = timestampMillis(state) else { return text }
        return stamped(text, " \(stamp)")
    }

    /// The text and the samples of `state`, without timestamps (`timestampMillis` gives theirs).
    package static func exposition(_ state: LiveState) -> PrometheusExposition {
        var out = PrometheusExposition()
        family(&out, "loadrunner_requests_total", "counter", "Requests completed since the run started, failed ones included.")
        for row in state.requests {
            sample(&out, "loadrunner_requests_total", labels(row), Double(row.requests))
        }
        family(&out, "loadrunner_request_failures_total", "counter", "Requests failed since the run started, by error category.")
        for row in state.requests { failures(&out, row) }
        family(&out, "loadrunner_request_duration_seconds", "histogram", "Latency of completed requests, from the exact HdrHistogram counts.")
        for row in state.requests { histogram(&out, row) }
        let current = state.current
        family(&out, "loadrunner_stage", "gauge", "The 1-based stage the last completed second belongs to (0 before the first).")
        sample(&out, "loadrunner_stage", [], Double(current?.stage ?? 0))
        family(&out, "loadrunner_users", "gauge", "Active virtual users at the end of the last completed second.")
        sample(&out, "loadrunner_users", [], Double(current?.users ?? 0))
        if let current, let target = current.targetRate {
            family(&out, "loadrunner_target_rate", "gauge", "An open stage's target arrivals per second.")
            sample(&out, "loadrunner_target_rate", [], target)
            family(&out, "loadrunner_achieved_rate", "gauge", "Requests completed in the last completed second of an open stage.")
            sample(&out, "loadrunner_achieved_rate", [], Double(current.requests))
        }
        family(&out, "loadrunner_generator_cpu_ratio", "gauge", "The generator's CPU use in the last second, in cores (1 = one core busy).")
        sample(&out, "loadrunner_generator_cpu_ratio", [], (current?.generatorCPUPercent ?? 0) / 100)
        family(&out, "loadrunner_generator_lag_seconds", "gauge", "The generator's worst timer lag in the last second.")
        sample(&out, "loadrunner_generator_lag_seconds", [], Double(current?.schedulingLagMicros ?? 0) / 1e6)
        family(&out, "loadrunner_run_finished", "gauge", "1 once the run has written its files, else 0.")
        sample(&out, "loadrunner_run_finished", [], state.finished ? 1 : 0)
        monitors(&out, state.monitors)
        return out
    }

    /// When the last completed second ended, in milliseconds since 1970; nil before the first second.
    package static func timestampMillis(_ state: LiveState) -> Int64? {
        guard let started = state.startedAt, let current = state.current else { return nil }
        return Int64((started.timeIntervalSince1970 * 1000).rounded()) + Int64(current.second + 1) * 1000
    }

    /// `text` with `stamp` after every sample line (not after HELP and TYPE lines).
    private static func stamped(_ text: String, _ stamp: String) -> String {
        text.split(separator: "\n").map { $0.hasPrefix("#") ? String($0) : $0 + stamp }.joined(separator: "\n") + "\n"
    }

    /// `value` escaped for a label: backslash, double quote and line feed.
    package static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Cumulative bucket counts at `bucketBounds`: a recorded value counts in every bucket whose bound (in
    /// microseconds) is at least the value, HdrHistogram's bucket values being their highest equivalent value.
    package static func cumulativeCounts(_ latency: LatencyHistogram) -> [UInt64] {
        let buckets = LatencyBuckets(latency).buckets
        return bucketBounds.map { bound in
            let boundMicros = UInt64((bound * 1e6).rounded())
            return buckets.reduce(0) { $0 + ($1.value <= boundMicros ? $1.count : 0) }
        }
    }

    /// A request's failures, one series per category it has seen (none before its first failure); failures the run
    /// did not categorise (none in a run: the engine passes every category on) are `category="unknown"`.
    private static func failures(_ out: inout PrometheusExposition, _ row: LiveTotals) {
        for (category, count) in row.failuresByCategory.sorted(by: { $0.key < $1.key }) where count > 0 {
            sample(&out, "loadrunner_request_failures_total", labels(row) + [("category", category.rawValue)], Double(count))
        }
        let categorised = row.failuresByCategory.values.reduce(0, +)
        if row.failures > categorised {
            sample(&out, "loadrunner_request_failures_total", labels(row) + [("category", "unknown")], Double(row.failures - categorised))
        }
    }

    private static func histogram(_ out: inout PrometheusExposition, _ row: LiveTotals) {
        let base = labels(row)
        out.families[out.families.count - 1].metrics.append(
            PrometheusExposition.Metric(labels: base, value: Double(row.latency.count), latency: row.latency))
        for (bound, count) in zip(bucketBounds, cumulativeCounts(row.latency)) {
            sample(&out, "loadrunner_request_duration_seconds_bucket", base + [("le", number(bound))], Double(count))
        }
        let count = row.latency.count
        sample(&out, "loadrunner_request_duration_seconds_bucket", base + [("le", "+Inf")], Double(count))
        sample(&out, "loadrunner_request_duration_seconds_sum", base, row.latency.meanMicros * Double(count) / 1e6)
        sample(&out, "loadrunner_request_duration_seconds_count", base, Double(count))
    }

    private static func labels(_ row: LiveTotals) -> [(String, String)] {
        [("name", row.name), ("method", row.method)]
    }

    static func family(_ out: inout PrometheusExposition, _ name: String, _ type: String, _ help: String) {
        out.text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        out.families.append(PrometheusExposition.Family(name: name, type: type, help: help))
    }

    /// One sample line; a sample named as the last family (a counter's or gauge's) is also that family's metric (a
    /// histogram's `_bucket`, `_sum` and `_count` lines are not: `histogram` adds its metric whole).
    static func sample(_ out: inout PrometheusExposition, _ name: String, _ labels: [(String, String)], _ value: Double) {
        out.samples.append(PrometheusExposition.Sample(name: name, labels: labels, value: value))
        if out.families.last?.name == name {
            out.families[out.families.count - 1].metrics.append(PrometheusExposition.Metric(labels: labels, value: value))
        }
        out.text += name
        if !labels.isEmpty {
            out.text += "{" + labels.map { "\($0.0)=\"\(escaped($0.1))\"" }.joined(separator: ",") + "}"
        }
        out.text += " " + number(value) + "\n"
    }

    /// A sample value: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
