import LoadRunnerModel
import LoadRunnerText

/// `stages.csv`: per stage, one row per request name (profile order) and an `Aggregated` row, all measured
/// over the stage's statistics window only (warm-up excluded).
///
/// Times are milliseconds with 3 decimals (exact to the microsecond); `rps` and `received_bytes_per_s` (body bytes
/// per second of window) have 2 decimals; `error_rate` is a
/// 0...1 share with 6 decimals. `mean_connect_ms` and `mean_tls_ms` are per new connection and empty when the
/// window opened none; `mean_first_byte_ms` is per request. A row without requests has empty latency fields.
/// The generator columns repeat the stage's values on each of its rows. Percentiles are the top of their
/// HdrHistogram bucket (at most 0.1% above the exact value).
///
/// When a stage of the run ends by count (`requests:`), two more columns follow, `request_limit` and
/// `requests_sent` (the whole stage, warm-up included), empty on the rows of stages that end by time; a run
/// without such a stage has neither, so its file is unchanged. Likewise `generator_saturation` comes last when a
/// stage's curl loop saturated it: which loop and how busy or late (`loop 1: 99% busy in 5 of 5 s`).
///
/// When the run has open stages (`rate:`), the `openColumns` come last: `missed_requests` (the row's own missed
/// arrivals), `target_rps` (the stage's target rate; a ramp's mean of its start and end rates), then `due`, `sent`,
/// `missed`, `peak_in_flight` and `connections_opened`, the stage's dispatch counts (`OpenStageStats`), repeated on
/// each of its rows like the generator columns; `lag_p99_ms` and `service_p95_ms` are the row's own (send − intended
/// time, and libcurl's time; `latency` runs from the intended time in these rows). A closed stage's rows leave them
/// empty; a run without open stages has none of them, so its file is unchanged.
///
/// `requests` and `rps` count the requests made (`RequestStats.requestsMade`): an open stage's missed arrivals were
/// never sent and are left out, as in the report; `failures` and `error_rate` count them, so a row's `error_rate` is
/// `failures / (requests + missed_requests)`.
package enum StagesCSV {
    package static let header =
        "stage,users,name,method,requests,failures,error_rate,rps,p50_ms,p66_ms,p75_ms,p90_ms,p95_ms,p99_ms,"
        + "p999_ms,max_ms,min_ms,mean_ms,body_bytes,new_connections,mean_connect_ms,mean_tls_ms,mean_first_byte_ms,"
        + "window_s,generator_cpu_pct,generator_saturated,received_bytes_per_s"

    /// The columns added when a stage ends by count.
    package static let requestLimitColumns = ",request_limit,requests_sent"

    /// The column added when a curl loop saturated a stage.
    package static let saturationColumn = ",generator_saturation"

    /// The columns added when the run has open stages.
    package static let openColumns =
        ",missed_requests,target_rps,due,sent,missed,lag_p99_ms,service_p95_ms,peak_in_flight,connections_opened"

    /// The percentiles of the `pNN_ms` columns, in column order.
    package static let percentiles: [Double] = [50, 66, 75, 90, 95, 99, 99.9]

    /// Writes the header and every row, each line ending with `\n`.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        let counted = result.stages.contains { $0.requestLimit != nil }
        let loopSaturated = result.stages.contains { StagesSection.loopSaturation($0.generator) != nil }
        let open = result.stages.contains { $0.open != nil }
        output.write(header + (counted ? requestLimitColumns : "") + (loopSaturated ? saturationColumn : "")
            + (open ? openColumns : "") + "\n")
        for stage in result.stages {
            let limits = counted ? [stage.requestLimit.map(String.init) ?? "", stage.requestsSent.map(String.init) ?? ""] : []
            let saturation = loopSaturated ? [StagesSection.loopSaturation(stage.generator) ?? ""] : []
            for stats in stage.requests + [stage.aggregated] {
                let openFields = open ? openFields(stats, in: stage) : []
                output.write(CSVRow.line(fields(stats, in: stage) + limits + saturation + openFields) + "\n")
            }
        }
    }

    /// The whole file as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// The `openColumns` of one row; empty fields for a closed stage, and for a percentile without samples.
    static func openFields(_ stats: RequestStats, in stage: StageResult) -> [String] {
        guard let open = stage.open else { return Array(repeating: "", count: 9) }
        let millis = { (histogram: LatencyHistogram?, percentile: Double) -> String in
            guard let histogram, histogram.count > 0 else { return "" }
            return ReportNumber.millis(micros: histogram.micros(atPercentile: percentile))
        }
        return [
            String(stats.missed), ReportNumber.fixed((open.targetStartPerSecond + open.targetEndPerSecond) / 2, decimals: 2),
            String(open.due), String(open.sent), String(open.missed), millis(stats.lag, 99), millis(stats.service, 95),
            String(open.peakInFlight), String(open.connectionsOpened),
        ]
    }

    /// The fields of one row, in `header` order.
    package static func fields(_ stats: RequestStats, in stage: StageResult) -> [String] {
        let latency = stats.latency
        // Without requests there is no latency: empty fields, which CSV readers take as missing, not as 0 ms.
        let millis: (UInt64) -> String = { stats.requests == 0 ? "" : ReportNumber.millis(micros: $0) }
        return [
            String(stage.number),
            String(stage.users),
            stats.name,
            stats.method,
            String(stats.requestsMade),
            String(stats.failures),
            ReportNumber.fixed(stats.errorRate, decimals: 6),
            ReportNumber.fixed(stats.throughput(overSeconds: stage.windowSeconds), decimals: 2),
        ]
            + percentiles.map { millis(latency.micros(atPercentile: $0)) }
            + [
                millis(latency.maxMicros),
                millis(latency.minMicros),
                stats.requests == 0 ? "" : ReportNumber.millis(micros: stats.meanMicros),
                String(stats.bodyBytes),
                String(stats.newConnections),
                stats.meanConnectMicrosPerConnection.map { ReportNumber.millis(micros: $0) } ?? "",
                stats.meanTLSMicrosPerConnection.map { ReportNumber.millis(micros: $0) } ?? "",
                stats.requests == 0 ? "" : ReportNumber.millis(micros: stats.meanFirstByteMicros),
                ReportNumber.fixed(stage.windowSeconds, decimals: 3),
                ReportNumber.fixed(stage.generator.cpuPercent, decimals: 1),
                stage.generator.saturated ? "true" : "false",
                ReportNumber.fixed(
                    MetricValues.requestValue(.receivedBytesPerSecond, stats: stats, windowSeconds: stage.windowSeconds) ?? 0,
                    decimals: 2),
            ]
    }
}
