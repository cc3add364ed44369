/// The numbers of a finished run that checks may use, by name:
///
/// - `requests.NAME.ok`, `requests.NAME.failed`, `requests.NAME.count` for each request name, over the
///   whole run, warm-up included (every request the target saw);
/// - `total.ok`, `total.failed`, `total.count` for all requests together.
public struct RunNumbers: Sendable, Equatable {
    private var values: [String: Double]

    public init(values: [String: Double]) { self.values = values }

    /// The whole-run totals from the last second of `result`'s series (each second carries running totals).
    public init(result: RunResult) {
        self.init(series: result.series, stages: result.stages)
    }

    /// The whole-run totals from the last second of `series`; `stages` name the requests when no second was recorded.
    public init(series: [SecondSample], stages: [StageResult]) {
        var values: [String: Double] = [:]
        func add(_ prefix: String, requests: UInt64, failures: UInt64) {
            values["\(prefix).ok"] = Double(requests - min(failures, requests))
            values["\(prefix).failed"] = Double(failures)
            values["\(prefix).count"] = Double(requests)
        }
        let last = series.last
        let names = last.map { $0.requests.map { ($0.name, $0.total) } } ?? []
        for (name, total) in names { add("requests.\(name)", requests: total.requests, failures: total.failures) }
        if names.isEmpty, let stage = stages.first {
            // No second was recorded: every request name, with nothing counted.
            for request in stage.requests { add("requests.\(request.name)", requests: 0, failures: 0) }
        }
        let total = last?.aggregated.total
        add("total", requests: total?.requests ?? 0, failures: total?.failures ?? 0)
        self.values = values
    }

    public subscript(name: String) -> Double? { values[name] }

    /// The three measures every request name (and `total`) has.
    public static let measures = ["ok", "failed", "count"]

    /// Every name a profile with these request names offers, sorted: checked when the profile is read.
    public static func names(requestNames: [String]) -> [String] {
        let prefixes = requestNames.map { "requests.\($0)" } + ["total"]
        return prefixes.flatMap { prefix in measures.map { "\(prefix).\($0)" } }.sorted()
    }

    /// Every name, sorted: for "did you mean" messages.
    public var names: [String] { values.keys.sorted() }
}
