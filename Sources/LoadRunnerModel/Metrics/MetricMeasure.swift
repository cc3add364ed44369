import LoadRunnerText

/// What a metric measures of its subject: `p95` of a request's latency, `failed` requests, a monitor's `cpu`.
package enum MetricMeasure: Sendable, Hashable {
    /// Latency at this percentile, above 0 and at most 100 (`p95`, `p99.9`).
    case percentile(Double)
    /// Mean, smallest and largest value: latency for requests, the sampled value for command monitors.
    case mean, min, max
    /// Requests made (answered, failed or unanswered; an open stage's missed arrivals were never sent and are not
    /// counted: `RequestStats.requestsMade`); for a command monitor, samples with a value.
    case count
    /// Requests that succeeded, and requests that failed (an open stage's missed arrivals among them, as in
    /// `error_rate`).
    case ok, failed
    /// Requests made (`count`) per second of window.
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
    /// The generator's scheduling lag (`generator.lag.p99`), or of requests how late they were sent against
    /// their schedule (an open stage's send − intended time, a `pacing` user's late start): 99th percentile and
    /// maximum.
    case lagP99, lagMax
    /// Open stages: libcurl's own time of a request (from its actual send to the response) at a percentile
    /// (`service.p95`), and its maximum (`service.max`).
    case servicePercentile(Double)
    case serviceMax
    /// Arrivals never sent (failure category `missed`), as a count and as a share of the requests (0...1).
    case missed, missedRate
    /// Requests sent per second of window (an open stage's achieved rate; `rps` less unsent requests in a closed one).
    case achievedRPS
    /// An open stage's target arrival rate over the window, per second (the mean of a ramp); none for closed stages.
    case targetRPS
    /// A command monitor's last value in the window.
    case last
    /// Visibility probes (`await:`): how many were awaited; the share whose first poll did not see the write (0...1);
    /// how many never saw it within `within`, as a count and as a share of the probes.
    case probes, staleRate, notVisible, notVisibleRate
    /// Flow iterations run to their last step, cut short by a failed capture, and the cut-short share (0...1).
    case completed, skipped, skippedRate

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
        case .servicePercentile(let value): "service." + MetricMeasure.percentile(value).name
        case .serviceMax: "service.max"
        case .missed: "missed"
        case .missedRate: "missed_rate"
        case .achievedRPS: "achieved_rps"
        case .targetRPS: "target_rps"
        case .last: "last"
        case .probes: "probes"
        case .staleRate: "stale_rate"
        case .notVisible: "not_visible"
        case .notVisibleRate: "not_visible_rate"
        case .completed: "completed"
        case .skipped: "skipped"
        case .skippedRate: "skipped_rate"
        }
    }

    /// True for measures read from a request histogram other than `latency` (`service.*`, `lag.*`): a whole-run
    /// value merges the stage windows' histograms, as for latencies.
    package var isOtherHistogram: Bool {
        switch self {
        case .servicePercentile, .serviceMax, .lagP99, .lagMax: true
        default: false
        }
    }

    /// Measures only open stages (or `pacing` users, for `lag`) have data for: in a closed stage without it
    /// the value is absent, and a threshold on it says the stage did not measure it.
    package var needsSchedule: Bool {
        isOtherHistogram || self == .targetRPS
    }

    /// True for the measures of a latency distribution (`p95`, `mean`, `min`, `max` of requests).
    package var isLatency: Bool {
        switch self {
        case .percentile, .mean, .min, .max: true
        default: false
        }
    }
}
