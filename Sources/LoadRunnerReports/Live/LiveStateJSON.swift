import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Writes a `LiveState` as the JSON `/api/state` serves and the dashboard reads (docs/live.md): latencies in
/// milliseconds, rates per second, times in seconds since the run started.
///
/// JSON has no NaN or infinity: a number that is not finite (a CPU reading divided by a zero interval, say) is left
/// out of its object, as a value that does not exist is, so the document always encodes; readers take a missing
/// field as `null`.
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
        var monitors: [Monitor]
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
        var generatorCPUPercent: Double?
        var lagMs: Double
    }

    struct StageRow: Encodable {
        var number: Int
        var kind: String
        var users: Int
        var rate: String?
        var durationSeconds: Double?
        var warmupSeconds: Double?
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
        var failuresByCategory: [String: UInt64]?
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?
        var maxMs: Double?
    }

    /// A monitor's latest reading: a process tree's (`kind` `process`) or a command's (`command`).
    struct Monitor: Encodable {
        var name: String
        var kind: String
        var second: Int?
        var alive: Bool?
        var processCount: Int?
        var cpuPercent: Double?
        var pssBytes: UInt64?
        var rssBytes: UInt64?
        var readBytesPerSecond: Double?
        var writeBytesPerSecond: Double?
        var atSeconds: Double?
        var value: Double?
        var unit: String?
        var problem: String?
    }

    struct Note: Encodable {
        var second: Int
        var severity: String
        var message: String
    }

    /// The JSON text of `state`, keys sorted; with `secondsAfter` S, `seconds` holds only the seconds after second S
    /// (a poller that has seconds 0...S fetches only what is new; every other field is whole). Every number is finite
    /// by construction, so this throws only on an encoder failure nobody foresaw; the server then answers 500 with
    /// the error rather than an empty object.
    package static func render(_ state: LiveState, secondsAfter: Int? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document(state, secondsAfter: secondsAfter)), as: UTF8.self)
    }

    static func document(_ state: LiveState, secondsAfter: Int? = nil) -> Document {
        let kept = secondsAfter.map { after in state.seconds.drop { $0.second <= after } } ?? state.seconds[...]
        let seconds = kept.map(second)
        return Document(
            profile: state.profileName,
            startedAt: state.startedAt.map { UTCTimestamp.seconds($0) },
            finished: state.finished, reportFolder: state.reportFolder,
            elapsedSeconds: (state.current?.second ?? -1) + 1, stageCount: state.stages.count,
            current: state.current.map(second),
            stages: state.stages.map { plan in
                let totals = state.stageTotals.first { $0.stage == plan.number }
                return StageRow(
                    number: plan.number, kind: plan.rate == nil ? "closed" : "open", users: plan.users,
                    rate: plan.rate?.text, durationSeconds: finite(plan.durationSeconds),
                    warmupSeconds: finite(plan.warmupSeconds),
                    startSecond: state.stageStartSeconds[plan.number], seconds: totals?.seconds ?? 0,
                    requests: totals?.requests ?? 0, failures: totals?.failures ?? 0,
                    p50Ms: percentile(totals?.latency, 50), p95Ms: percentile(totals?.latency, 95),
                    p99Ms: percentile(totals?.latency, 99))
            },
            requests: state.requests.map { row in
                RequestRow(
                    name: row.name, method: row.method, requests: row.requests, failures: row.failures,
                    failuresByCategory: row.failuresByCategory.isEmpty
                        ? nil : Dictionary(uniqueKeysWithValues: row.failuresByCategory.map { ($0.key.rawValue, $0.value) }),
                    p50Ms: percentile(row.latency, 50), p95Ms: percentile(row.latency, 95),
                    p99Ms: percentile(row.latency, 99),
                    maxMs: row.latency.count == 0 ? nil : milliseconds(row.latency.maxMicros))
            },
            seconds: seconds,
            monitors: state.monitors.map(monitor),
            notes: state.notes.map { Note(second: $0.second, severity: $0.severity, message: $0.message) })
    }

    private static func second(_ second: LiveSecond) -> Second {
        Second(
            second: second.second, stage: second.stage, inWindow: second.inWindow, users: second.users,
            targetRate: second.targetRate.flatMap(finite), requests: second.requests, failures: second.failures,
            p50Ms: second.p50Micros.map(milliseconds), p95Ms: second.p95Micros.map(milliseconds),
            p99Ms: second.p99Micros.map(milliseconds), generatorCPUPercent: finite(second.generatorCPUPercent),
            lagMs: milliseconds(second.schedulingLagMicros))
    }

    private static func monitor(_ reading: MonitorReading) -> Monitor {
        switch reading {
        case .process(let name, let second):
            Monitor(
                name: name, kind: "process", second: second.second, alive: second.alive, processCount: second.processCount,
                cpuPercent: second.cpuPercent.flatMap(finite), pssBytes: second.pssBytes, rssBytes: second.rssBytes,
                readBytesPerSecond: second.readBytesPerSecond.flatMap(finite),
                writeBytesPerSecond: second.writeBytesPerSecond.flatMap(finite), problem: second.reason)
        case .command(let name, let unit, let taken):
            Monitor(
                name: name, kind: "command", atSeconds: finite(taken.atSeconds), value: taken.value.flatMap(finite),
                unit: unit.isEmpty ? nil : unit, problem: taken.problem)
        }
    }

    private static func percentile(_ latency: LatencyHistogram?, _ percentile: Double) -> Double? {
        guard let latency, latency.count > 0 else { return nil }
        return milliseconds(latency.micros(atPercentile: percentile))
    }

    private static func milliseconds(_ micros: UInt64) -> Double { Double(micros) / 1000 }

    /// `value` when it is a JSON number; nil (the field left out) for NaN and the infinities.
    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}
