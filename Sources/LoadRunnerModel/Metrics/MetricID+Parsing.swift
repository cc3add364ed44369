import Foundation
import LoadRunnerText

/// The metric path grammar, shared by thresholds, compare budgets and checks.
///
/// - `latency.M` (M a latency measure: `p95`, `p(99.9)`, `mean`, `min`, `max`) and `total.M` (any request
///   measure: also `count`, `ok`, `failed`, `rps`, `error_rate`, `received_bytes_per_s`, and of open stages
///   `service.p95` (any percentile), `service.max`, `lag.p99`, `lag.max`, `missed`, `missed_rate`, `achieved_rps`,
///   `target_rps`) for all requests together;
/// - `requests[NAME].M` for one request name (`requests[NAME].latency.M` reads the same);
/// - `generator.cpu`, `generator.lag.p99`, `generator.lag.max` for LoadRunner's own process;
/// - `monitor[NAME].M` with M one of `cpu`, `cpu_max`, `memory`, `memory_max`, `pss`, `pss_max`, `rss`, `rss_max`,
///   `disk_read`, `disk_write`;
/// - `command[NAME].M` with M one of `min`, `max`, `mean`, `last`, `count`;
/// - `visibility[READ].M` for the probes of the `await:` steps whose read is named READ (`visibility[READ@NODE].M`:
///   only those whose first poll NODE answered; `visibility.M`: every read together), M one of `p50`, `p95`, `p99`
///   (any percentile), `max` (time to visibility), `probes`, `stale_rate`, `not_visible`, `not_visible_rate`;
/// - `flow[NAME].M` for one flow's iterations, M one of `p50`, `p95`, `p99` (any percentile), `max` (iteration
///   time), `completed`, `skipped`, `skipped_rate`.
///
/// Older spellings stay aliases: `avg` (= `mean`), `med` (= `p50`), `p(N)`, `requests` (= `count`), `failures`
/// (= `failed`), and `bytes_per_s` (= `received_bytes_per_s`) as a bare measure read against a default subject (a threshold's or a budget's row), and the check
/// names `requests.NAME.ok|failed|count`. Measure names ignore case; subject names are kept as written.
extension MetricID {
    /// Why a text is not a metric path.
    package enum ParseError: Error, Sendable, Equatable {
        case empty
        /// `requests[`, `monitor[` or `command[` without its `].measure`.
        case unclosedName(String)
        /// The measure is not one the subject offers; `suggestion` is the closest one, if any.
        case unknownMeasure(String, subject: String, suggestion: String?)
        /// Neither a path nor (where a default subject is given) a bare measure.
        case unknownMetric(String, suggestion: String?)
        case percentileOutOfRange(String)
    }

    /// The metric `text` names. A bare measure (`p95`, `error_rate`) reads `defaultSubject`; without one it is an
    /// unknown metric.
    package static func parse(_ text: String, defaultSubject: Subject? = nil) -> Result<MetricID, ParseError> {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return .failure(.empty) }
        let lower = trimmed.lowercased()
        for prefix in bracketed where lower.hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count)
            guard let close = rest.range(of: "].", options: .backwards) else { return .failure(.unclosedName(trimmed)) }
            let name = String(rest[..<close.lowerBound])
            var measureText = String(rest[close.upperBound...])
            let subject = bracketedSubject(prefix, name)
            if case .request = subject, measureText.lowercased().hasPrefix("latency.") {
                measureText = String(measureText.dropFirst("latency.".count))
            }
            return metric(subject, measureText)
        }
        if lower.hasPrefix("requests."), let dot = trimmed.lastIndex(of: "."), dot > trimmed.index(trimmed.startIndex, offsetBy: 8) {
            let name = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 9)..<dot])
            return metric(.request(name), String(trimmed[trimmed.index(after: dot)...]))
        }
        for (prefix, subject) in dotted where lower.hasPrefix(prefix) {
            let measureText = String(trimmed.dropFirst(prefix.count))
            if prefix == "latency." {
                let parsed = self.measure(measureText)
                if case .failure(.percentileOutOfRange(let text)) = parsed { return .failure(.percentileOutOfRange(text)) }
                guard case .success(let measure) = parsed, measure.isLatency else {
                    return .failure(.unknownMeasure(measureText, subject: "latency", suggestion: DidYouMean.suggestion(
                        for: measureText, among: ["p50", "p90", "p95", "p99", "mean", "min", "max"])))
                }
                return .success(MetricID(.total, measure))
            }
            return metric(subject, measureText)
        }
        if let defaultSubject {
            switch measure(trimmed) {
            case .success(let measure) where offers(defaultSubject, measure): return .success(MetricID(defaultSubject, measure))
            case .failure(.percentileOutOfRange(let text)): return .failure(.percentileOutOfRange(text))
            default: break
            }
        }
        return .failure(.unknownMetric(trimmed, suggestion: suggestion(for: trimmed)))
    }

    /// The path a text that is no path most likely meant: a bare measure's path (`p95` → `latency.p95`), else
    /// the nearest of `examplePaths`.
    private static func suggestion(for text: String) -> String? {
        if case .success(let measure) = measure(text) {
            for subject in [Subject.total, .generator] where offers(subject, measure) {
                return MetricID(subject, measure).description
            }
        }
        return DidYouMean.suggestion(for: text, among: examplePaths)
    }

    /// Paths offered as "did you mean" suggestions for a text that is no path at all.
    static let examplePaths = ["latency.p50", "latency.p95", "latency.p99", "latency.mean", "latency.max", "total.count",
                               "total.ok", "total.failed", "total.rps", "total.error_rate", "total.received_bytes_per_s", "generator.cpu",
                               "generator.lag.p99", "generator.lag.max"]

    private static let bracketed = ["requests[", "monitor[", "command[", "visibility[", "flow["]

    /// The subject of a bracketed prefix (`requests[`, `monitor[`, `command[`, `visibility[`, `flow[`) with this
    /// name; a visibility name `READ@NODE` names a read and the node that answered (the last `@` splits them).
    private static func bracketedSubject(_ prefix: String, _ name: String) -> Subject {
        switch prefix {
        case "requests[": .request(name)
        case "monitor[": .monitor(name)
        case "visibility[":
            if let at = name.lastIndex(of: "@"), at != name.startIndex, name.index(after: at) != name.endIndex {
                .visibility(read: String(name[..<at]), node: String(name[name.index(after: at)...]))
            } else {
                .visibility(read: name, node: nil)
            }
        case "flow[": .flow(name)
        default: .command(name)
        }
    }
    private static let dotted: [(String, Subject)] = [
        ("total.latency.", .total), ("latency.", .total), ("total.", .total), ("generator.", .generator),
        ("visibility.", .visibility(read: nil, node: nil)),
    ]

    /// Older and everyday names of measures.
    static let measureAliases: [String: MetricMeasure] = [
        "avg": .mean, "med": .percentile(50), "requests": .count, "failures": .failed,
        "bytes_per_s": .receivedBytesPerSecond,
    ]

    private static func metric(_ subject: Subject, _ text: String) -> Result<MetricID, ParseError> {
        switch measure(text) {
        case .success(let measure) where offers(subject, measure):
            return .success(MetricID(subject, measure))
        case .failure(.percentileOutOfRange(let text)):
            return .failure(.percentileOutOfRange(text))
        default:
            let names = measures(of: subject).map(\.name)
            let subjectText = MetricID(subject, .count).description.dropLast(".count".count)
            return .failure(.unknownMeasure(text, subject: String(subjectText),
                                            suggestion: DidYouMean.suggestion(for: text, among: names)))
        }
    }

    /// A measure name, an alias, or a percentile (`p95`, `p(99.9)`, 0 < N <= 100), ignoring case.
    static func measure(_ text: String) -> Result<MetricMeasure, ParseError> {
        let name = text.trimmingWhitespace().lowercased()
        if let alias = measureAliases[name] { return .success(alias) }
        let all: [MetricMeasure] = [.mean, .min, .max, .count, .ok, .failed, .rps, .errorRate, .receivedBytesPerSecond,
                                    .cpu, .cpuMax, .memory, .memoryMax, .pss, .pssMax, .rss, .rssMax, .diskRead,
                                    .diskWrite, .lagP99, .lagMax, .last, .serviceMax, .missed, .missedRate,
                                    .achievedRPS, .targetRPS, .probes, .staleRate, .notVisible, .notVisibleRate,
                                    .completed, .skipped, .skippedRate]
        if let found = all.first(where: { $0.name == name }) { return .success(found) }
        if name == "lag.p(99)" { return .success(.lagP99) }
        if name.hasPrefix("service.") {
            switch measure(String(name.dropFirst("service.".count))) {
            case .success(.percentile(let percentile)): return .success(.servicePercentile(percentile))
            case .success(.max): return .success(.serviceMax)
            case .failure(.percentileOutOfRange): return .failure(.percentileOutOfRange(text))
            default: return .failure(.unknownMetric(text, suggestion: nil))
            }
        }
        if name.hasPrefix("p") {
            var digits = name.dropFirst()
            if digits.hasPrefix("("), digits.hasSuffix(")") { digits = digits.dropFirst().dropLast() }
            if let quantity = GateQuantity.parse(String(digits)), quantity.sign == nil, quantity.unit == .none,
               digits.first?.isNumber == true || digits.first == "."
            {
                let percentile = quantity.magnitude()
                guard percentile > 0, percentile <= 100 else { return .failure(.percentileOutOfRange(text)) }
                return .success(.percentile(percentile))
            }
        }
        return .failure(.unknownMetric(text, suggestion: nil))
    }
}
