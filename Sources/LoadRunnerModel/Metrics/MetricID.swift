import LoadRunnerText

/// The identity of one metric: a subject and what is measured of it, written as a path such as
/// `latency.p95`, `requests[user/get].failed`, `generator.cpu`, `monitor[replica1].cpu` or
/// `command[replica2 lag].max`, `visibility[user/get].stale_rate` or `flow[sign up].p95` (see `MetricID+Parsing` for
/// the grammar and the older spellings it accepts).
package struct MetricID: Sendable, Hashable, CustomStringConvertible {
    /// Whose values a metric reads.
    package enum Subject: Sendable, Hashable {
        /// All requests together (the Aggregated row).
        case total
        /// One request name.
        case request(String)
        /// LoadRunner's own process.
        case generator
        /// A process monitor (`monitors:` entry with `pid:` or `pid_file:`), by name.
        case monitor(String)
        /// A command monitor (`monitors:` entry with `run:`), by name.
        case command(String)
        /// The probes of `await:` steps: of one read (the await's request name; nil for every read together),
        /// answered by one node (`by:`; nil for every node together).
        case visibility(read: String?, node: String?)
        /// The iterations of one flow (`flows[].name`).
        case flow(String)
    }

    package var subject: Subject
    package var measure: MetricMeasure

    package init(_ subject: Subject, _ measure: MetricMeasure) {
        self.subject = subject
        self.measure = measure
    }

    /// The canonical path: `latency.p95`, `total.failed`, `requests[insert].ok`, `monitor[db].cpu`, ...
    package var description: String {
        switch subject {
        case .total: measure.isLatency ? "latency.\(measure.name)" : "total.\(measure.name)"
        case .request(let name): "requests[\(name)].\(measure.name)"
        case .generator: "generator.\(measure.name)"
        case .monitor(let name): "monitor[\(name)].\(measure.name)"
        case .command(let name): "command[\(name)].\(measure.name)"
        case .visibility(nil, _): "visibility.\(measure.name)"
        case .visibility(let read?, nil): "visibility[\(read)].\(measure.name)"
        case .visibility(let read?, let node?): "visibility[\(read)@\(node)].\(measure.name)"
        case .flow(let name): "flow[\(name)].\(measure.name)"
        }
    }

    /// The unit values are kept in; `commandUnit` is the command monitor's `unit:` (ignored for other subjects).
    package func unit(commandUnit: String = "") -> MetricUnit {
        switch measure {
        case .percentile, .lagP99, .lagMax, .servicePercentile, .serviceMax: return .microseconds
        case .mean, .min, .max, .last:
            if case .command = subject { return .custom(commandUnit) }
            return .microseconds
        case .count:
            if case .command = subject { return .count }
            return .requests
        case .probes, .notVisible, .completed, .skipped: return .count
        case .staleRate, .notVisibleRate, .skippedRate: return .ratio
        case .ok, .failed, .missed: return .requests
        case .rps, .achievedRPS, .targetRPS: return .perSecond
        case .receivedBytesPerSecond: return .bytesPerSecond
        case .errorRate, .missedRate: return .ratio
        case .cpu, .cpuMax: return .percent
        case .memory, .memoryMax, .pss, .pssMax, .rss, .rssMax: return .bytes
        case .diskRead, .diskWrite: return .bytesPerSecond
        }
    }

    /// Higher is better for throughput (requests, requests sent and bytes received), successful requests, probes and
    /// completed flow iterations; lower for everything else (latency, errors, resources, command monitors such as
    /// replication lag, time to visibility, stale and skipped shares).
    package var polarity: Polarity {
        switch (subject, measure) {
        case (.total, .rps), (.request, .rps), (.total, .ok), (.request, .ok), (.total, .count), (.request, .count),
             (.total, .receivedBytesPerSecond), (.request, .receivedBytesPerSecond), (.total, .achievedRPS),
             (.request, .achievedRPS), (.visibility, .probes), (.flow, .completed):
            .higherIsBetter
        default:
            .lowerIsBetter
        }
    }

    /// The measures a subject offers, in the order messages list them.
    package static func measures(of subject: Subject) -> [MetricMeasure] {
        switch subject {
        case .total, .request:
            [.percentile(50), .percentile(90), .percentile(95), .percentile(99), .mean, .min, .max, .count, .ok, .failed,
             .rps, .errorRate, .receivedBytesPerSecond, .servicePercentile(50), .servicePercentile(95),
             .servicePercentile(99), .serviceMax, .lagP99, .lagMax, .missed, .missedRate, .achievedRPS]
                + (subject == .total ? [.targetRPS] : [])
        case .generator: [.cpu, .lagP99, .lagMax]
        case .monitor: [.cpu, .cpuMax, .memory, .memoryMax, .pss, .pssMax, .rss, .rssMax, .diskRead, .diskWrite]
        case .command: [.min, .max, .mean, .last, .count]
        case .visibility:
            [.percentile(50), .percentile(95), .percentile(99), .max, .probes, .staleRate, .notVisible, .notVisibleRate]
        case .flow: [.percentile(50), .percentile(95), .percentile(99), .max, .completed, .skipped, .skippedRate]
        }
    }

    /// Whether `subject` offers `measure` (any percentile for requests).
    package static func offers(_ subject: Subject, _ measure: MetricMeasure) -> Bool {
        if case .servicePercentile = measure { return offers(subject, .percentile(50)) }
        if case .percentile = measure {
            if case .total = subject { return true }
            if case .request = subject { return true }
            if case .visibility = subject { return true }
            if case .flow = subject { return true }
            return false
        }
        return measures(of: subject).contains(measure)
    }
}
