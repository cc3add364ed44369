extension RequestStats {
    /// Exact mean request time in microseconds (from the timing sums, not the histogram), over the requests that
    /// were sent (those with a latency sample); 0 without any.
    package var meanMicros: Double { mean(timing.totalMicros, over: latency.count) }

    /// Mean time to the first response byte per sent request, in microseconds; 0 without any.
    package var meanFirstByteMicros: Double { mean(timing.firstByteMicros, over: latency.count) }

    /// Mean TCP connect time per new connection, in microseconds; nil when no connection was opened
    /// (every request reused a kept-alive one).
    package var meanConnectMicrosPerConnection: Double? {
        newConnections == 0 ? nil : mean(timing.connectMicros, over: newConnections)
    }

    /// Mean TLS handshake time per new connection, in microseconds; nil when no connection was opened.
    package var meanTLSMicrosPerConnection: Double? {
        newConnections == 0 ? nil : mean(timing.tlsMicros, over: newConnections)
    }

    /// Mean response body size in bytes; 0 without requests.
    package var meanBodyBytes: Double { mean(bodyBytes, over: requests) }

    private func mean(_ sum: UInt64, over count: UInt64) -> Double {
        count == 0 ? 0 : Double(sum) / Double(count)
    }
}
