import LoadRunnerText

/// What a metric measures of its subject: `p95` of a request's latency, `failed` requests, a monitor's `cpu`.
package enum MetricMeasure: Sendable, Hashable {
    /// Latency at this percentile, above 0 and at most 100 (`p95`, `p99.9`).
    case percentile(Double)
    /// Mean, smallest and largest value: latency for requests, the sampled value for command monitors.
    case mean, min, max
    /// Requests completed (failures included); for a command monitor, samples with a value.
    case count
    /// Requests that succeeded, and requests that failed.
    case ok, failed
    /// Completed requests per second of window.
    case rps
    /// Response body bytes received per second of window.
    case receivedBytesPerSecond
    /// Failed share of the requests, 0...1.
    case errorRate
    /// Mean CPU in % of one core (the generator's own, or a monitored process tree's), and its largest second.
    case cpu, cpuMax
    /// Memory of a monitored process tree, mean and largest, in bytes: its PSS, or its RSS in a result written
    /// before LoadRunner measured PSS (`MonitorSecond.memoryBytes`).
    case memory, memoryMax
    /// Proportional set size of a monitored process tree (shared memory counted once): mean and largest, in bytes.
    case pss, pssMax
    /// Resident set size summed over a monitored process tree (shared memory once per process): mean and largest.
    case rss, rssMax
    /// Disk bytes a monitored process tree read and wrote per second (mean).
    case diskRead, diskWrite
    /// The generator's scheduling lag: its 99th percentile and maximum.
    case lagP99, lagMax
    /// A command monitor's last value in the window.
    case last

    /// The name in a metric path: `p95`, `p99.9`, `mean`, `error_rate`, `cpu_max`, `lag.p99`, ...
    package var name: String {
        switch self {
        case .percentile(let value): value == value.rounded() ? "p\(Int(value))" : "p\(value)"
        case .mean: "mean"
        case .min: "min"
        case .max: "max"
        case .count: "count"
        case .ok: "ok"
        case .failed: "failed"
        case .rps: "rps"
        case .receivedBytesPerSecond: "received_bytes_per_s"
        case .errorRate: "error_rate"
        case .cpu: "cpu"
        case .cpuMax: "cpu_max"
        case .memory: "memory"
        case .memoryMax: "memory_max"
        case .pss: "pss"
        case .pssMax: "pss_max"
        case .rss: "rss"
        case .rssMax: "rss_max"
        case .diskRead: "disk_read"
        case .diskWrite: "disk_write"
        case .lagP99: "lag.p99"
        case .lagMax: "lag.max"
        case .last: "last"
        }
    }

    /// True for the measures of a latency distribution (`p95`, `mean`, `min`, `max` of requests).
    package var isLatency: Bool {
        switch self {
        case .percentile, .mean, .min, .max: true
        default: false
        }
    }
}
