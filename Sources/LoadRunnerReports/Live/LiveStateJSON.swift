import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Writes a `LiveState` as the JSON `/api/state` serves and the dashboard reads (docs/live.md): latencies in
/// milliseconds, rates per second, times in seconds since the run started.
package enum LiveStateJSON {
    /// The document's fields; `docs/live.md` describes each.
    struct Document: Encodable {
        var profile: String
        var startedAt: String?
        var finished: Bool
        var reportFolder: String?
        var elapsedSeconds: Int
        var stageCount: Int
        var current: Second?
        var stages: [StageRow]
        var requests: [RequestRow]
        var seconds: [Second]
        var notes: [Note]
    }

    struct Second: Encodable {
        var second: Int
        var stage: Int
        var inWindow: Bool
        var users: Int
        var targetRate: Double?
        var requests: UInt64
        var failures: UInt64
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?
        var generatorCPUPercent: Double
        var lagMs: Double
    }

    struct StageRow: Encodable {
        var number: Int
        var kind: String
        var users: Int
        var rate: String?
        var durationSeconds: Double
        var warmupSeconds: Double
        var startSecond: Int?
        var seconds: Int
        var requests: UInt64
        var failures: UInt64
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?
    }

    struct RequestRow: Encodable {
        var name: String
        var method: String
        var requests: UInt64
        var failures: UInt64
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?
        var maxMs: Double?
    }

    struct Note: Encodable {
        var second: Int
        var severity: String
        var message: String
    }

    /// The JSON text of `state`, keys sorted.
    package static func render(_ state: LiveState) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document(state))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func document(_ state: LiveState) -> Document {
        let seconds = state.seconds.map(second)
        return Document(
            profile: state.profileName,
            startedAt: state.startedAt.map { UTCTimestamp.seconds($0) },
            finished: state.finished, reportFolder: state.reportFolder,
            elapsedSeconds: (state.current?.second ?? -1) + 1, stageCount: state.stages.count,
            current: seconds.last,
            stages: state.stages.map { plan in
                let totals = state.stageTotals.first { $0.stage == plan.number }
                return StageRow(
                    number: plan.number, kind: plan.rate == nil ? "closed" : "open", users: plan.users,
                    rate: plan.rate?.text, durationSeconds: plan.durationSeconds, warmupSeconds: plan.warmupSeconds,
                    startSecond: state.stageStartSeconds[plan.number], seconds: totals?.seconds ?? 0,
                    requests: totals?.requests ?? 0, failures: totals?.failures ?? 0,
                    p50Ms: percentile(totals?.latency, 50), p95Ms: percentile(totals?.latency, 95),
                    p99Ms: percentile(totals?.latency, 99))
            },
            requests: state.requests.map { row in
                RequestRow(
                    name: row.name, method: row.method, requests: row.requests, failures: row.failures,
                    p50Ms: percentile(row.latency, 50), p95Ms: percentile(row.latency, 95),
                    p99Ms: percentile(row.latency, 99),
                    maxMs: row.latency.count == 0 ? nil : milliseconds(row.latency.maxMicros))
            },
            seconds: seconds,
            notes: state.notes.map { Note(second: $0.second, severity: $0.severity, message: $0.message) })
    }

    private static func second(_ second: LiveSecond) -> Second {
        Second(
            second: second.second, stage: second.stage, inWindow: second.inWindow, users: second.users,
            targetRate: second.targetRate, requests: second.requests, failures: second.failures,
            p50Ms: second.p50Micros.map(milliseconds), p95Ms: second.p95Micros.map(milliseconds),
            p99Ms: second.p99Micros.map(milliseconds), generatorCPUPercent: second.generatorCPUPercent,
            lagMs: milliseconds(second.schedulingLagMicros))
    }

    private static func percentile(_ latency: LatencyHistogram?, _ percentile: Double) -> Double? {
        guard let latency, latency.count > 0 else { return nil }
        return milliseconds(latency.micros(atPercentile: percentile))
    }

    private static func milliseconds(_ micros: UInt64) -> Double { Double(micros) / 1000 }
}
