import LoadRunnerModel
import LoadRunnerText

/// Parses budgets: `<metric> > +N%`, `> +Nms` (or `s`, `us`), or both joined by `and`.
///
/// - `p50`, `p95`, `p99`, `max`: worse when up, so `>` and `+`: `p95 > +10% and +2ms`.
/// - `rps`: worse when down, so `<` and `-`; a percentage or an amount in requests per second (a number,
///   optionally followed by `req/s`): `rps < -5%`, `rps < -50`.
/// - `received_bytes_per_s` (alias `bytes_per_s`): worse when down, like `rps`; a percentage or an amount in bytes
///   per second (a number, or one with `B/s`, `kB/s`, `MB/s`, `GB/s`; 1 kB = 1000 bytes): `received_bytes_per_s < -1MB/s`.
/// - open stages: `service.p95` and `lag.p99` like latencies, `achieved_rps` like `rps`, `missed` (worse when up) a
///   percentage or a number of requests: `missed > +0`.
/// - `error_rate`: worse when up; its `%` is percentage points (absolute, `+1%` allows 2% where the baseline
///   had 1%), or a share: `error_rate > +0.01` is the same budget.
///
/// Values land in `Budget` as documented there: relative as a fraction, absolute in microseconds, req/s or
/// a 0...1 share (bytes per second for `received_bytes_per_s`). Metric names ignore case; the text is kept as written (trimmed).
extension Budget {
    package static func parse(_ text: String) -> Result<Budget, BudgetParseError> {
        let trimmed = text.trimmingWhitespace()
        func failure(_ reason: BudgetParseError.Reason) -> Result<Budget, BudgetParseError> {
            .failure(BudgetParseError(text: trimmed, reason: reason))
        }
        guard !trimmed.isEmpty else { return failure(.empty) }
        let operatorCharacters: Set<Character> = ["<", ">", "=", "!"]
        // A bracketed name (`flow[sign up].p95`) may hold spaces: the metric ends after its `]`.
        let nameEnd = trimmed.firstIndex { $0.isWhitespace || operatorCharacters.contains($0) } ?? trimmed.endIndex
        let bracketEnd = trimmed[..<nameEnd].contains("[") ? trimmed.firstIndex(of: "]") : nil
        let metricEnd = bracketEnd.map { close in
            trimmed[close...].firstIndex { $0.isWhitespace || operatorCharacters.contains($0) } ?? trimmed.endIndex
        } ?? nameEnd
        let metricText = String(trimmed[..<metricEnd])
        guard let metric = compareMetric(metricText) else {
            return failure(.unknownMetric(metricText, suggestion: suggestion(for: metricText)))
        }
        let rest = Substring(String(trimmed[metricEnd...]).trimmingWhitespace())
        guard let first = rest.first, operatorCharacters.contains(first) else { return failure(.missingOperator) }
        let op = String(rest.prefix { operatorCharacters.contains($0) })

        var limitTexts: [String] = []
        switch limits(String(rest.dropFirst(op.count)), after: op) {
        case .success(let found): limitTexts = found
        case .failure(let reason): return failure(reason)
        }
        var quantities: [GateQuantity] = []
        for limit in limitTexts {
            guard let quantity = GateQuantity.parse(limit) else { return failure(.badLimit(limit, metric: metric)) }
            quantities.append(quantity)
        }

        let direction = (op: metric.higherIsBetter ? "<" : ">", sign: metric.higherIsBetter ? "-" : "+")
        // The budget as it should be written: right operator, right signs, `ms` on a bare latency amount.
        let corrected = "\(metric.compareName) \(direction.op) " + quantities.map { quantity in
            let unit = metric.unit() == .microseconds && quantity.unit == .none ? "ms" : ""
            return direction.sign + quantity.unsignedText + unit
        }.joined(separator: " and ")

        var relative: Double?
        var absolute: Double?
        for (quantity, limit) in zip(quantities, limitTexts) {
            let value: (isRelative: Bool, amount: Double)
            switch limitValue(quantity, written: limit, metric: metric, corrected: corrected) {
            case .success(let found): value = found
            case .failure(let reason): return failure(reason)
            }
            if let max = maximum(quantity, metric: metric, isRelative: value.isRelative), value.amount > max.value {
                return failure(.limitTooLarge(limit, max: max.text))
            }
            if value.isRelative ? relative != nil : absolute != nil {
                return failure(.twoOfAKind(percentages: value.isRelative, metric: metric))
            }
            if value.isRelative { relative = value.amount } else { absolute = value.amount }
        }

        let wrongWay: Set<String> = metric.higherIsBetter ? [">", ">="] : ["<", "<="]
        if wrongWay.contains(op) { return failure(.wrongDirection(metric: metric, suggestion: corrected)) }
        if op != direction.op { return failure(.unsupportedOperator(op, suggestion: corrected)) }
        if quantities.contains(where: { $0.sign == nil }) { return failure(.missingSign(suggestion: corrected)) }
        if quantities.contains(where: { String($0.sign!) != direction.sign }) {
            return failure(.wrongDirection(metric: metric, suggestion: corrected))
        }
        return .success(Budget(metric: metric, relative: relative, absolute: absolute, text: trimmed))
    }

    /// The limits after the operator: one, or two joined by `and` (spaces inside a limit are dropped).
    /// The largest limit `ProfileLimits` allows for this kind of amount; nil for the error rate (at most 100%).
    private static func maximum(_ quantity: GateQuantity, metric: MetricID, isRelative: Bool)
        -> (value: Double, text: String)?
    {
        let metric = limitKind(metric)
        if isRelative { return (ProfileLimits.maxGatePercent / 100, "\(Int(ProfileLimits.maxGatePercent))%") }
        if metric.measure == .errorRate { return nil }
        if [.rps, .achievedRPS, .missed].contains(metric.measure) { return (ProfileLimits.maxGateRate, "1000000000") }
        if metric.measure == .receivedBytesPerSecond { return (ProfileLimits.maxGateCount, "1000000000000 (1000GB/s)") }
        return (Double(ProfileLimits.maxGateLatency.micros), "2592000s (30 days)")
    }

    private static func limits(_ text: String, after op: String) -> Result<[String], BudgetParseError.Reason> {
        var groups: [[Substring]] = [[]]
        for word in text.split(whereSeparator: \.isWhitespace) {
            if word.lowercased() == "and" { groups.append([]) } else { groups[groups.count - 1].append(word) }
        }
        for (index, group) in groups.enumerated() where group.isEmpty {
            return .failure(.missingLimit(after: index == 0 ? op : "and"))
        }
        guard groups.count <= 2 else { return .failure(.tooManyLimits) }
        return .success(groups.map { $0.joined() })
    }

    /// Whether a limit is relative, and its amount in the budget's units; `written` is the limit as written,
    /// `corrected` the whole budget as it should be written, for messages.
    private static func limitValue(_ quantity: GateQuantity, written: String, metric: MetricID, corrected: String)
        -> Result<(isRelative: Bool, amount: Double), BudgetParseError.Reason>
    {
        switch (limitKind(metric).measure, quantity.unit) {
        case (.errorRate, .percent), (.errorRate, .none):
            let share = quantity.magnitude(powerOfTen: quantity.unit == .percent ? -2 : 0)
            return share <= 1 ? .success((false, share)) : .failure(.shareAboveWhole(written))
        case (.missed, .none), (.achievedRPS, .none), (.achievedRPS, .perSecond):
            return .success((false, quantity.magnitude()))
        case (.missed, let unit) where unit != .percent:
            return .failure(.badLimit(written, metric: metric))
        case (.achievedRPS, let unit) where unit != .percent:
            return .failure(.badLimit(written, metric: metric))
        case (.errorRate, _), (.rps, .micros), (.rps, .millis), (.rps, .seconds):
            return .failure(.badLimit(written, metric: metric))
        case (.rps, let unit) where unit.bytesPerSecond != nil:
            return .failure(.badLimit(written, metric: metric))
        case (.receivedBytesPerSecond, .none):
            return .success((false, quantity.magnitude()))
        case (.receivedBytesPerSecond, let unit) where unit.bytesPerSecond != nil:
            return .success((false, quantity.magnitude(times: unit.bytesPerSecond ?? 1)))
        case (.receivedBytesPerSecond, let unit) where unit != .percent:
            return .failure(.badLimit(written, metric: metric))
        case (_, .percent):
            return .success((true, quantity.magnitude(powerOfTen: -2)))
        case (.rps, _):
            return .success((false, quantity.magnitude()))
        case (_, .none):
            return .failure(.latencyWithoutUnit(written, suggestion: corrected))
        case (_, let unit):
            guard let micros = unit.micros else { return .failure(.badLimit(written, metric: metric)) }
            return .success((false, quantity.magnitude(times: micros)))
        }
    }

    /// The request measure whose limits a visibility or flow measure takes: a share (`stale_rate`,
    /// `not_visible_rate`, `skipped_rate`) like `error_rate`, a count (`completed`) like `missed`; latencies as they are.
    private static func limitKind(_ metric: MetricID) -> MetricID {
        switch metric.measure {
        case .staleRate, .notVisibleRate, .skippedRate: MetricID(.total, .errorRate)
        case .completed, .probes, .notVisible, .skipped: MetricID(.total, .missed)
        default: metric
        }
    }

    /// A close metric name, but no guess for a percentile compare does not keep (`p90` is not "p50").
    private static func suggestion(for metric: String) -> String? {
        let isPercentile = metric.lowercased().hasPrefix("p") && metric.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
            && metric.count > 1
        guard !isPercentile else { return nil }
        return DidYouMean.suggestion(for: metric, among: MetricID.comparedRequestMeasures.map(\.name))
    }

    /// The compared metric `text` names through the metric grammar: `p95`, `rps`, `error_rate`, `bytes_per_s`, or the paths
    /// `latency.p95`, `total.rps`, `total.error_rate`, `visibility[READ].stale_rate`, `flow[NAME].p95`; nil for anything
    /// `compare` does not judge.
    static func compareMetric(_ text: String) -> MetricID? {
        if let metric = MetricID(compareName: text.lowercased(), subject: .total) { return metric }
        if case .success(let id) = MetricID.parse(text), id.isProbeOrFlow {
            let compared = if case .flow = id.subject { MetricID.comparedFlowMeasures } else { MetricID.comparedVisibilityMeasures }
            return compared.contains(id.measure) ? id : nil
        }
        guard case .success(let id) = MetricID.parse(text, defaultSubject: .total), id.subject == .total,
              (MetricID.comparedRequestMeasures + MetricID.comparedOpenMeasures).contains(id.measure) else { return nil }
        return id
    }
}
