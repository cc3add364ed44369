import LoadRunnerText

/// The request and monitor names a profile declares: which metric subjects a path may name.
package struct MetricSubjects: Sendable, Equatable {
    /// Request names in profile order; nil when the profile's requests could not be read (then any is accepted).
    package var requests: [String]?
    /// Process monitor and command monitor names, in profile order.
    package var processes: [String]
    package var commands: [String]
    /// The reads of `await:` steps (their request names) and the flows' names, in profile order; nil when unknown
    /// (then any is accepted).
    package var reads: [String]?
    package var flows: [String]?

    package init(requests: [String]?, processes: [String], commands: [String], reads: [String]? = nil, flows: [String]? = nil) {
        self.requests = requests
        self.processes = processes
        self.commands = commands
        self.reads = reads
        self.flows = flows
    }

    /// The monitors a profile's decoder read.
    package init(_ monitors: (processes: [MonitorSpec], commands: [CommandMonitorSpec])) {
        self.init(requests: nil, processes: monitors.processes.map(\.name), commands: monitors.commands.map(\.name))
    }

    /// Whether the profile has this subject (a request name is accepted when the requests are unknown).
    package func has(_ subject: MetricID.Subject) -> Bool {
        switch subject {
        case .total, .generator: true
        case .request(let name): requests?.contains(name) ?? true
        case .monitor(let name): processes.contains(name)
        case .command(let name): commands.contains(name)
        case .visibility(let read, _): read.map { reads?.contains($0) ?? true } ?? true
        case .flow(let name): flows?.contains(name) ?? true
        }
    }

    /// Paths of the same kind as `metric` that the profile has, for "did you mean" suggestions.
    package func paths(like metric: MetricID) -> [String] {
        let subjects: [MetricID.Subject] = switch metric.subject {
        case .total, .generator: []
        case .request: (requests ?? []).map { .request($0) }
        case .monitor: processes.map { .monitor($0) }
        case .command: commands.map { .command($0) }
        case .visibility(_, let node): (reads ?? []).map { .visibility(read: $0, node: node) }
        case .flow: (flows ?? []).map { .flow($0) }
        }
        return subjects.map { MetricID($0, metric.measure).description }
    }
}
