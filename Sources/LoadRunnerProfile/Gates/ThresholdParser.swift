import LoadRunnerModel
import LoadRunnerText

/// Parses thresholds in the grammar users know from k6: `[stage N:] [NAME:] <metric> <op> <value>`.
///
/// - metric: `p(N)` or `pN` (0 < N <= 100, e.g. `p99.9`), `med` (= p50), `avg`, `min`, `max` (latencies; the
///   value needs a unit: `500us`, `200ms`, `1.5s`), `error_rate` (`1%` or `0.01`), `rps` (a number, optionally
///   followed by `/s` or `req/s`), `received_bytes_per_s` (alias `bytes_per_s`: bytes per second, a number or one
///   with `B/s`, `kB/s`, `MB/s`, `GB/s`), `requests`, `failures` (whole numbers); of open stages `service.pN`,
///   `service.max`, `lag.p99`, `lag.max` (latencies), `missed` (a whole number), `missed_rate` (a share),
///   `achieved_rps`, `target_rps` (rates). Metric names ignore case. Any path
///   of the metric grammar (`MetricID+Parsing`) also reads: `latency.p95`, `total.failed`, and series such as
///   `generator.cpu`, `monitor[db].cpu_max` or `command[lag].max` (a series, `ThresholdSpec.isSeries`: a plain number).
/// - op: `<`, `<=`, `>`, `>=`; spaces around it are optional (`p(95)<200ms`).
/// - scopes: `stage N:` (1-based) and a request name, in either order (`stage 2: user/get: p95 < 1s`). The
///   expression follows the last `:`, so a request name may itself contain `:`.
///
/// Checks the text only: whether the request name and stage exist is checked against the profile by its decoder.
package enum ThresholdParser {
    /// The threshold written in `text`, or why it is not one.
    package static func parse(_ text: String, abortOnFail: Bool = false, line: Int? = nil)
        -> Result<ThresholdSpec, ThresholdParseError>
    {
        let trimmed = text.trimmingWhitespace()
        func failure(_ reason: ThresholdParseError.Reason) -> Result<ThresholdSpec, ThresholdParseError> {
            .failure(ThresholdParseError(text: trimmed, reason: reason))
        }
        guard !trimmed.isEmpty else { return failure(.empty) }

        var scope: (name: String?, stage: Int?) = (nil, nil)
        var expression = Substring(trimmed)
        if let colon = trimmed.lastIndex(of: ":") {
            switch self.scope(trimmed[..<colon]) {
            case .success(let found): scope = found
            case .failure(let reason): return failure(reason)
            }
            expression = trimmed[trimmed.index(after: colon)...]
        }

        guard let opStart = expression.firstIndex(where: { operatorCharacters.contains($0) }) else {
            return failure(.missingOperator)
        }
        let opText = String(expression[opStart...].prefix { operatorCharacters.contains($0) })
        guard let op = ThresholdSpec.Operator(rawValue: opText) else { return failure(.unsupportedOperator(opText)) }
        let metricText = String(expression[..<opStart]).trimmingWhitespace()
        let valueText = String(expression[opStart...].dropFirst(opText.count)).trimmingWhitespace()
        guard !metricText.isEmpty else { return failure(.missingMetric(op: opText)) }

        var metric: MetricID
        switch self.metric(metricText) {
        case .success(let found): metric = found
        case .failure(let reason): return failure(reason)
        }
        if let name = scope.name {
            guard metric.subject == .total else { return failure(.seriesWithName(metric.description, name: name)) }
            metric.subject = .request(name)
        }
        guard !valueText.isEmpty else { return failure(.missingValue(op: opText)) }
        switch value(valueText, for: metric, in: trimmed) {
        case .success(let value):
            return .success(ThresholdSpec(
                stage: scope.stage, metric: metric, op: op, value: value, abortOnFail: abortOnFail, text: trimmed,
                line: line))
        case .failure(let reason):
            return failure(reason)
        }
    }

    private static let operatorCharacters: Set<Character> = ["<", ">", "=", "!"]

    /// Metric names offered as "did you mean" suggestions.
    static let metricNames = ["p50", "p90", "p95", "p99", "med", "avg", "min", "max", "error_rate", "rps", "requests",
                              "failures", "received_bytes_per_s", "bytes_per_s", "service.p95", "service.max", "lag.p99",
                              "lag.max", "missed", "missed_rate", "achieved_rps", "target_rps"]
    /// Words from other tools (k6, everyday speech) and the metric meant by them.
    static let metricAliases = [
        "median": "med", "mean": "avg", "average": "avg", "rate": "error_rate", "errors": "error_rate",
        "error": "error_rate", "http_req_failed": "error_rate", "count": "requests", "http_reqs": "requests",
        "throughput": "rps",
    ]

    /// `stage N`, a request name, or both separated by `:` (either order).
    private static func scope(_ prefix: Substring) -> Result<(name: String?, stage: Int?), ThresholdParseError.Reason> {
        let segments = prefix.split(separator: ":", omittingEmptySubsequences: false)
        var stageText: Substring?
        var name: Substring? = prefix
        if let token = stageToken(segments[0]) {
            stageText = token
            name = segments.count > 1 ? prefix[prefix.index(after: prefix.firstIndex(of: ":")!)...] : nil
        } else if segments.count > 1, let token = stageToken(segments[segments.count - 1]) {
            stageText = token
            name = prefix[..<prefix.lastIndex(of: ":")!]
        }
        let trimmedName = name.map { String($0).trimmingWhitespace() }
        if trimmedName?.isEmpty == true { return .failure(.emptyScope) }
        if let trimmedName, stageText != nil, stageToken(Substring(trimmedName)) != nil { return .failure(.twoStages) }
        guard let stageText else { return .success((trimmedName, nil)) }
        guard stageText.allSatisfy({ $0.isASCII && $0.isNumber }), let stage = Int(stageText), stage >= 1 else {
            return .failure(.stageNotNumber(String(stageText)))
        }
        return .success((trimmedName, stage))
    }

    /// The number token of `stage N` (`""` for a bare `stage`), or nil when `text` is not a stage scope.
    private static func stageToken(_ text: Substring) -> Substring? {
        let trimmed = Substring(String(text).trimmingWhitespace())
        guard trimmed.lowercased().hasPrefix("stage") else { return nil }
        let rest = trimmed.dropFirst(5)
        guard rest.isEmpty || rest.first?.isWhitespace == true else { return nil }
        let token = Substring(String(rest).trimmingWhitespace())
        return token.contains(where: \.isWhitespace) ? nil : token
    }

    /// A threshold's metric through the metric grammar (`MetricID+Parsing`): the threshold's own names
    /// (`metricNames`, `p(N)`), or `latency.M` and `total.M` paths of the all-requests row (subject `.total`), or a
    /// series path of the generator or a monitor.
    private static func metric(_ text: String) -> Result<MetricID, ThresholdParseError.Reason> {
        let name = text.lowercased()
        let isThresholdName = metricNames.contains(name) || name.hasPrefix("p") || name.hasPrefix("service.")
        if isThresholdName || name.hasPrefix("latency.") || name.hasPrefix("total.") {
            switch MetricID.parse(text, defaultSubject: .total) {
            case .success(let id):
                if id.subject == .total, ThresholdSpec.name(of: id.measure) != nil { return .success(id) }
            case .failure(.percentileOutOfRange):
                return .failure(.percentileOutOfRange(text))
            case .failure:
                break
            }
        }
        if case .success(let id) = MetricID.parse(text) {
            switch id.subject {
            case .total: break
            case .request(let requestName):
                guard let metric = ThresholdSpec.name(of: id.measure) else { break }
                return .failure(.requestPath(text, suggestion: "\(requestName): \(metric)"))
            case .generator, .monitor, .command, .visibility, .flow:
                return .success(id)
            }
        }
        let suggestion = metricAliases[name] ?? DidYouMean.suggestion(for: text, among: metricNames)
        return .failure(.unknownMetric(text, suggestion: suggestion))
    }

    /// The limit in the metric's base unit, at most the metric's `ProfileLimits` maximum.
    private static func value(_ text: String, for metric: MetricID, in threshold: String)
        -> Result<Double, ThresholdParseError.Reason>
    {
        let maximum: (value: Double, text: String)? = switch metric.unit() {
        case .microseconds: (Double(ProfileLimits.maxGateLatency.micros), "2592000s (30 days)")
        case .perSecond: (ProfileLimits.maxGateRate, "1000000000")
        case .ratio: nil
        case .requests, .count, .percent, .bytes, .bytesPerSecond, .custom:
            (ProfileLimits.maxGateCount, "1000000000000")
        }
        return unboundedValue(text, for: metric, in: threshold).flatMap { value in
            guard let maximum, value > maximum.value else { return .success(value) }
            return .failure(.valueTooLarge(text, max: maximum.text))
        }
    }

    /// The limit in the metric's base unit (`MetricID.unit`), however large.
    private static func unboundedValue(_ text: String, for metric: MetricID, in threshold: String)
        -> Result<Double, ThresholdParseError.Reason>
    {
        let quantity = GateQuantity.parse(text).flatMap { $0.sign == nil ? $0 : nil }
        switch metric.unit() {
        case .microseconds:
            guard let quantity else { return .failure(.notALatency(text)) }
            if quantity.unit == .none {
                return .failure(.latencyWithoutUnit(text, suggestion: String(threshold.dropLast(text.count)) + text + "ms"))
            }
            guard let micros = quantity.unit.micros else { return .failure(.notALatency(text)) }
            return .success(quantity.magnitude(times: micros))
        case .ratio:
            guard let quantity, quantity.unit == .none || quantity.unit == .percent else {
                return .failure(.notAShare(text))
            }
            let share = quantity.magnitude(powerOfTen: quantity.unit == .percent ? -2 : 0)
            return share <= 1 ? .success(share) : .failure(.notAShare(text))
        case .perSecond:
            guard let quantity, quantity.unit == .none || quantity.unit == .perSecond else {
                return .failure(.notARate(text))
            }
            return .success(quantity.magnitude())
        case .bytesPerSecond:
            guard let quantity, quantity.unit == .none || quantity.unit.bytesPerSecond != nil else {
                return .failure(.notAByteRate(text))
            }
            return .success(quantity.magnitude(times: quantity.unit.bytesPerSecond ?? 1))
        case .percent, .bytes, .custom:
            let percentAllowed = metric.unit() == .percent
            guard let quantity, quantity.unit == .none || (percentAllowed && quantity.unit == .percent) else {
                return .failure(.notAnAmount(text, unit: metric.unit().symbol))
            }
            return .success(quantity.magnitude())
        case .requests, .count:
            guard let quantity, quantity.unit == .none, quantity.isWhole else {
                return .failure(.notACount(text, metric: ThresholdSpec.name(of: metric)))
            }
            return .success(quantity.magnitude())
        }
    }
}
