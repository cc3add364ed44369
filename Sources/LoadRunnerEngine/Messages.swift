import LoadRunnerText

/// Every message the engine shows a person, in one place (those about data sources in `Messages+Data`).
/// Run-time warnings are `Diagnostic`s; the texts of errors (`EngineError`) and of failed requests are strings.
enum Messages {
    /// The failure message of a request that had no answer when the run ended, while it is recorded; the result
    /// says how long the oldest had waited (`noResponse(afterMicros:count:)`).
    static let noResponse = "no response"

    /// The failure message of `count` requests with no answer when the run ended, the oldest after `micros`.
    static func noResponse(afterMicros micros: Int64, count: UInt64) -> String {
        let seconds = ReportNumber.fixed(Double(micros) / 1_000_000, decimals: 2)
        return count == 1 ? "no response after \(seconds) s" : "no response after up to \(seconds) s"
    }

    static func userCouldNotStart(_ error: EngineError) -> Diagnostic {
        .warning("a virtual user could not start: \(error.text); the run goes on with the others")
    }

    static func monitorDown(_ name: String, reason: String, second: Int) -> Diagnostic {
        let when = second < 0 ? "at the start of the run" : "in second \(second)"
        return .warning("monitor `\(name)` found no process \(when): \(reason); the run goes on and reports it as down")
    }

    /// Why `abort_on_fail` stopped the run: the threshold, its stage (1-based) and what was measured.
    static func thresholdAborted(_ threshold: String, stage: Int, summary: String) -> String {
        "\"\(threshold)\" failed in stage \(stage) (\(summary))"
    }

    /// The failure message of a request answered with a status outside its `expect` list.
    static func httpStatusFailure(_ status: Int) -> String { "HTTP \(status)" }

    static let curlTransferUnavailable = "libcurl could not create a transfer (out of memory?)"
    static let curlMultiUnavailable = "libcurl could not create a multi handle"

    static func curlOptionRefused(_ reason: String) -> String { "libcurl refused a transfer option: \(reason)" }

    static func cleartextHTTP2Unsupported(libcurl: String) -> String {
        "http2: true with an http:// target needs libcurl 8.0 or newer; this machine has \(libcurl), which fails "
            + "requests on reused cleartext HTTP/2 connections (curl issue 10634). Use an https:// target "
            + "(HTTP/2 through ALPN) or leave http2 off"
    }

    static func headerDataHasLineBreak(source: String, place: String, header: String) -> String {
        "data.\(source): \(place) holds a line break (CR/LF) or NUL, and header \(header) sends it; it would end "
            + "the header early and send the rest as another header or request. Remove it from the data, or use "
            + "that value only in a path, query or body"
    }

    /// The failure message of a request not sent because a rendered header held CR, LF or NUL; names the
    /// header and the sources it takes values from, never the value.
    static func headerValueRefused(header: String, sources: [String]) -> String {
        let from = sources.map { "data.\($0)" }.joined(separator: ", ")
        return "not sent: header \(header) took a value with a line break (CR/LF) or NUL from \(from)"
    }

    /// A header with captured variables (and maybe data values) that rendered a CR, LF or NUL.
    static func headerVariableRefused(header: String, sources: [String], variables: [String]) -> String {
        let from = (sources.map { "data.\($0)" } + variables.map { "captured {{ \($0) }}" }).joined(separator: ", ")
        return "not sent: header \(header) took a value with a line break (CR/LF) or NUL from \(from)"
    }

    static func openFileLimit(needed: Int, limit: Int, users: Int) -> String {
        "\(users) users need about \(needed) open files, but this process may open only \(limit) "
            + "(hard limit); raise it (e.g. `ulimit -n \(needed)` as root) or run fewer users"
    }

    static func openFileLimit(needed: Int, limit: Int, connections: Int) -> String {
        "max_connections: \(connections) needs about \(needed) open files, but this process may open only \(limit) "
            + "(hard limit); raise it (e.g. `ulimit -n \(needed)` as root) or lower max_connections"
    }

    /// An open-model arrival that found no free connection within `max_lag` of its time (a `missed` failure).
    static func arrivalMissed(maxLagMicros: Int64) -> String {
        let seconds = ReportNumber.fixed(Double(maxLagMicros) / 1_000_000, decimals: 3)
        return "not sent: no free connection within max_lag (\(seconds) s) of its time; the pool was at max_connections"
    }

    /// An open-model arrival still waiting for a connection when the load ended (a `missed` failure).
    static let arrivalMissedAtEnd = "not sent: still waiting for a connection when the load ended"
}

extension EngineError {
    /// The message alone, for people.
    package var text: String {
        switch self {
        case .setup(let message), .dataSource(let message), .unsupported(let message),
             .interrupted(let message): message
        }
    }
}
