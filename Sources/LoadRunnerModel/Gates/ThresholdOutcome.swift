import LoadRunnerText

/// How one threshold fared in one stage window; kept in `result.json` under `thresholds`.
///
/// Figures are in the metric's base unit (`unit`): `us` for latencies, `share` (0...1) for the error rate,
/// `req/s` for rps, `count` for requests and failures. `summary` says the same for people:
/// `stage 2: p95 = 231.4 ms, not < 200 ms`.
package struct ThresholdOutcome: Codable, Sendable, Equatable {
    package enum Status: String, Codable, Sendable, Equatable {
        case passed, failed
        /// Not judged: the window had no requests (latencies, error rate), ended during its warm-up, or the
        /// stage never ran. Neither passed nor failed.
        case noData = "no_data"
    }

    /// The threshold as written in the profile.
    package var threshold: String
    /// The 1-based stage whose window was judged.
    package var stage: Int
    /// The request name judged, or nil for all requests (the stage's Aggregated row).
    package var request: String?
    /// The canonical metric name: `p95`, `avg`, `error_rate`, ...
    package var metric: String
    /// `<`, `<=`, `>` or `>=`.
    package var `operator`: String
    /// The limit, in `unit`.
    package var limit: Double
    /// What the window measured, in `unit`; nil without data.
    package var observed: Double?
    /// `us`, `share`, `req/s` or `count`.
    package var unit: String
    package var status: Status
    /// True when a failure of this threshold stops the run.
    package var abortOnFail: Bool
    /// One line for people, e.g. `stage 2, user/get: p95 = 231.4 ms, not < 200 ms`.
    package var summary: String

    package init(
        threshold: String, stage: Int, request: String?, metric: String, operator: String, limit: Double,
        observed: Double?, unit: String, status: Status, abortOnFail: Bool, summary: String
    ) {
        self.threshold = threshold
        self.stage = stage
        self.request = request
        self.metric = metric
        self.operator = `operator`
        self.limit = limit
        self.observed = observed
        self.unit = unit
        self.status = status
        self.abortOnFail = abortOnFail
        self.summary = summary
    }

    package var passed: Bool { status == .passed }
    package var failed: Bool { status == .failed }

    /// Where it was judged: `stage 2` or `stage 2, user/get`.
    package var scope: String { request.map { "stage \(stage), \($0)" } ?? "stage \(stage)" }

    /// `observed` for people (`231.4 ms`, `1.25%`, `8 req/s`, `16`), or `no data`.
    package var observedText: String {
        observed.map { Self.format($0, unit: unit) } ?? "no data"
    }

    /// A figure in a base unit for people: latencies in milliseconds, shares as percentages.
    package static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "us": ReportNumber.trimmed(value / 1000, maxDecimals: 3) + " ms"
        case "share": ReportNumber.trimmed(value * 100, maxDecimals: 2) + "%"
        case "req/s": ReportNumber.trimmed(value, maxDecimals: 2) + " req/s"
        case "%": ReportNumber.trimmed(value, maxDecimals: 2) + "%"
        case "bytes", "bytes/s": ReportNumber.trimmed(value, maxDecimals: 0) + " " + unit
        default: ReportNumber.trimmed(value, maxDecimals: 0)
        }
    }
}

extension Array where Element == ThresholdOutcome {
    /// True when any threshold failed: the run fails (the CLI exits with its thresholds code).
    package var failed: Bool { contains { $0.failed } }

    /// True when a threshold marked `abort_on_fail` failed: the run should stop now.
    package var abortsRun: Bool { contains { $0.failed && $0.abortOnFail } }

    package var passedCount: Int { filter { $0.status == .passed }.count }
    package var failedCount: Int { filter { $0.status == .failed }.count }
    package var noDataCount: Int { filter { $0.status == .noData }.count }

    /// `3 passed, 1 failed, 1 without data` (zero counts left out, except `0 passed` when all are zero).
    package var countsText: String {
        var parts: [String] = []
        if passedCount > 0 || (failedCount == 0 && noDataCount == 0) { parts.append("\(passedCount) passed") }
        if failedCount > 0 { parts.append("\(failedCount) failed") }
        if noDataCount > 0 { parts.append("\(noDataCount) without data") }
        return parts.joined(separator: ", ")
    }
}

extension RunResult {
    /// True when the run's thresholds were judged and at least one failed.
    package var thresholdsFailed: Bool { thresholds?.failed ?? false }
}
