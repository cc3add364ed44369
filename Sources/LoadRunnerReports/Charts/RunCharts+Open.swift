import LoadRunnerModel

/// The charts of a run with open stages (`rate:`): the offered rate (arrivals due per second) against the achieved
/// one (arrivals completed per second), and latency p95 (from the intended time) against service p95 (libcurl's own
/// time) per second; and the throughput chart's lines in such a run.
///
/// Each second counts the arrivals whose intended time falls in it, wherever they ended, as the stage windows do:
/// offered is every such arrival (`requests`: answered, failed, missed or never answered), achieved those that got
/// an outcome with a time (the request rows' `latency` counts; the aggregate row keeps no buckets). The rate lines are left out (gaps) in the seconds of closed stages,
/// which have no schedule; there service is latency (both are libcurl's time), so the two latency lines meet.
extension RunCharts {
    package static let rateFileName = "chart-rate.svg"
    package static let latencyServiceFileName = "chart-latency-service.svg"
    /// The open-model charts' files, in order; only runs with open stages have them.
    package static let openFileNames = [rateFileName, latencyServiceFileName]
    /// For the reports' chart note, when the run has open stages.
    package static let openNote = "Open stages: offered counts the arrivals due in each second, achieved those of "
        + "them that completed; latency runs from each arrival's intended time, service is libcurl's own time."

    /// True when at least one stage of `result` is open.
    static func hasOpenStages(_ result: RunResult) -> Bool { result.stages.contains { $0.open != nil } }

    /// The rate and latency-against-service charts; none for a run without open stages.
    static func openCharts(for result: RunResult) -> [ChartFile] {
        guard hasOpenStages(result) else { return [] }
        let isOpen = openSeconds(of: result)
        let rateTitle = "Offered and achieved rate per second (open stages)"
        let latencyTitle = "Latency and service time per second: p95"
        let rate = chart(for: result, title: rateTitle, axisTitle: "Arrivals per second", unit: .rate, [
            ("Offered (arrivals due)", { isOpen($0) ? Double($0.aggregated.requests) : nil }),
            ("Achieved (completed)", { isOpen($0) ? Double(completed(in: $0)) : nil }),
        ])
        var latency = chart(for: result, title: latencyTitle, axisTitle: "Latency", unit: .milliseconds, [
            ("Latency p95 (from the intended time)", { $0.aggregated.micros(atPercentile: 95).map { Double($0) / 1000 } }),
            ("Service p95 (libcurl's time)", { servicePercentile($0, 95, isOpen: isOpen($0)).map { Double($0) / 1000 } }),
        ])
        // Queued arrivals make latency thousands of times the service time: then the axis is logarithmic.
        latency.yScale = .automatic
        return [
            ChartFile(fileName: rateFileName, title: rateTitle, svg: rate.render()),
            ChartFile(fileName: latencyServiceFileName, title: latencyTitle, svg: latency.render()),
        ]
    }

    /// Whether a second of `result` lies in an open stage.
    static func openSeconds(of result: RunResult) -> (SecondSample) -> Bool {
        let open = Set(result.stages.filter { $0.open != nil }.map(\.number))
        return { open.contains($0.stage) }
    }

    /// The arrivals of `second` that completed: the samples of its request rows' latency buckets.
    static func completed(in second: SecondSample) -> UInt64 {
        second.requests.reduce(0) { $0 + ($1.latency?.count ?? 0) }
    }

    /// The arrivals of an open `second` that were sent: the samples of its request rows' lag buckets.
    static func sent(in second: SecondSample) -> UInt64 {
        second.requests.reduce(0) { $0 + ($1.lag?.count ?? 0) }
    }

    /// The throughput chart's lines: requests and failures per second; in a run with open stages, an open second's
    /// requests are its arrivals sent (`sent(in:)`: missed ones were never requests; one refused before sending,
    /// `invalid_value`, is left out too, as the second keeps no categories), and its errors count the missed, as the
    /// stages tables do.
    static func throughputLines(for result: RunResult) -> [(name: String, value: (SecondSample) -> Double?)] {
        guard hasOpenStages(result) else {
            return [
                ("Requests/s (all completed)", { Double($0.aggregated.requests) }),
                ("Errors/s (failed)", { Double($0.aggregated.failures) }),
            ]
        }
        let isOpen = openSeconds(of: result)
        return [
            ("Requests/s (missed arrivals left out)", { Double(isOpen($0) ? sent(in: $0) : $0.aggregated.requests) }),
            ("Errors/s (failed or missed)", { Double($0.aggregated.failures) }),
        ]
    }

    /// The second's service time at `percentile`, in microseconds, merged over its request names (the aggregate
    /// row keeps none); in a closed stage's second its latency, which is libcurl's time there. nil without samples.
    static func servicePercentile(_ second: SecondSample, _ percentile: Double, isOpen: Bool) -> UInt64? {
        guard isOpen else { return second.aggregated.micros(atPercentile: percentile) }
        var merged = LatencyHistogram()
        for row in second.requests { if let service = row.service { merged.add(service.histogram) } }
        return merged.count > 0 ? merged.micros(atPercentile: percentile) : nil
    }
}
