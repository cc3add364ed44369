import LoadRunnerLive
import LoadRunnerText

/// What `run --listen` says: the dashboard's address, a warning when others can reach it, and why it could not
/// listen; part of `CLIMessages`.
extension CLIMessages {
    static let listenHelp = "Serve a live dashboard at / , Prometheus metrics at /metrics and JSON at /api/state while the run goes: HOST:PORT, :PORT or PORT (127.0.0.1), PORT 0 for any free port. Off by default."

    static let outPrometheusHelp = "Push the live metrics (the series of --listen's /metrics) once a second to a Prometheus remote write URL, e.g. http://127.0.0.1:9090/api/v1/write (Prometheus with --web.enable-remote-write-receiver). Off by default; a failed push is a warning and the run goes on."

    static func badOutPrometheus(_ text: String) -> String {
        "--out-prometheus \"\(text)\" is not an http or https URL: write it whole, e.g. http://127.0.0.1:9090/api/v1/write"
    }

    static func badListenAddress(_ text: String) -> String {
        "--listen \"\(text)\" is not an address: write HOST:PORT (127.0.0.1:9464, [::1]:9464), :PORT or PORT, the port within 0...65535"
    }

    static func listening(_ url: String) -> String {
        "live dashboard: \(url) (Prometheus metrics at \(url)metrics, JSON at \(url)api/state)"
    }

    static func listenNotLoopback(_ address: ListenAddress) -> Diagnostic {
        .warning(
            "--listen \(address.host) is not a loopback address: anyone who can reach this machine can read the run's live metrics",
            hint: "use 127.0.0.1:PORT and an SSH tunnel unless the network is trusted")
    }

    static func cannotListen(_ address: ListenAddress, reason: String) -> Diagnostic {
        .error(
            "cannot listen on \(address.host):\(address.port) for --listen: \(reason); nothing was sent (exit \(ExitStatus.targetOrSetupFailure.rawValue))",
            hint: "is the port taken by another program? choose another with --listen, or 0 for any free port")
    }
}
