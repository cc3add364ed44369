/// The numbers of a finished run that check expressions use, by name: any metric path over the whole run
/// (`total.failed`, `requests[insert].ok`, `command[replica2 lag].max`, see `MetricID+Parsing`), read through
/// `MetricValues`, including the older check names:
///
/// - `requests.NAME.ok`, `requests.NAME.failed`, `requests.NAME.count` for each request name, over the
///   whole run, warm-up included (every request the target saw);
/// - `total.ok`, `total.failed`, `total.count` for all requests together.
package struct RunNumbers: Sendable {
    private var values: [String: Double]
    private var metrics: MetricValues?

    package init(values: [String: Double]) { self.values = values }

    /// The whole-run numbers of `result` (each second of its series carries running totals).
    package init(result: RunResult) {
        let metrics = MetricValues(result: result)
        var values: [String: Double] = [:]
        var names = result.series.last.map { $0.requests.map(\.name) } ?? []
        if names.isEmpty, let stage = result.stages.first {
            // No second was recorded: every request name, with nothing counted.
            names = stage.requests.map(\.name)
        }
        let subjects = names.map { (prefix: "requests.\($0)", subject: MetricID.Subject.request($0)) }
            + [(prefix: "total", subject: MetricID.Subject.total)]
        for (prefix, subject) in subjects {
            for (measure, metric) in zip(Self.measures, [MetricMeasure.ok, .failed, .count]) {
                values["\(prefix).\(measure)"] = metrics.value(MetricID(subject, metric), in: .run) ?? 0
            }
        }
        self.values = values
        self.metrics = metrics
    }

    /// The value of `name`: one of the older check names, else any metric path over the whole run.
    package subscript(name: String) -> Double? {
        if let value = values[name] { return value }
        guard let metrics, case .success(let metric) = MetricID.parse(name) else { return nil }
        return metrics.value(metric, in: .run)
    }

    /// The three measures every request name (and `total`) has.
    package static let measures = ["ok", "failed", "count"]

    /// Every older check name a profile with these request names offers, sorted: for "did you mean" messages.
    package static func names(requestNames: [String]) -> [String] {
        let prefixes = requestNames.map { "requests.\($0)" } + ["total"]
        return prefixes.flatMap { prefix in measures.map { "\(prefix).\($0)" } }.sorted()
    }

    /// Every older check name, sorted: for "did you mean" messages.
    package var names: [String] { values.keys.sorted() }
}

extension RunNumbers: Equatable {
    package static func == (lhs: RunNumbers, rhs: RunNumbers) -> Bool { lhs.values == rhs.values }
}
