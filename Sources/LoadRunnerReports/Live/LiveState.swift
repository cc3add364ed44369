import Foundation
import LoadRunnerModel
import LoadRunnerText

/// What the live view (`run --listen`) shows of a running run, folded from the samples the engine reports once a
/// second: the per-second series, the stages as planned and as reached, running tables per stage and per request,
/// and the run's notes. Pure: no clock, no I/O; the server reads a copy of it.
package struct LiveState: Sendable, Equatable {
    /// The profile's name and stages as planned.
    package var profileName: String
    package var stages: [LiveStagePlan]
    /// When the engine started the run; nil before.
    package var startedAt: Date?
    /// One entry per completed second, oldest first (the whole run: a few numbers a second).
    package private(set) var seconds: [LiveSecond] = []
    /// Per stage (1-based number), the first second that belonged to it: the stage boundaries reached so far.
    package private(set) var stageStartSeconds: [Int: Int] = [:]
    /// Running totals per request name since the run started, in profile order.
    package private(set) var requests: [LiveTotals]
    /// Running totals per stage reached (all request names together), in stage order.
    package private(set) var stageTotals: [LiveTotals] = []
    /// The latest reading of each monitor (`monitors:`) as of the last completed second, in the order they first
    /// reported. A reading taken after that second's sample was folded in waits in `pendingMonitors` for the next
    /// one, so that every number the state shows changes only when a second completes (and carries its time).
    package private(set) var monitors: [MonitorReading] = []
    private var pendingMonitors: [MonitorReading] = []
    /// The run's warnings and notes (actions started and ended, checks, monitors), the newest `maxNotes` kept.
    package private(set) var notes: [LiveNote] = []
    /// Set once the run has written its files: the folder of the report; nil while it runs.
    package private(set) var finished = false
    package private(set) var reportFolder: String?

    /// The most notes kept; older ones are dropped first.
    package static let maxNotes = 200

    /// The state before the run starts: `stages` as the profile plans them, `requestNames` (name, method) in
    /// profile order with zero counts.
    package init(profileName: String, stages: [Stage], requestNames: [(name: String, method: String)]) {
        self.profileName = profileName
        self.stages = stages.enumerated().map { LiveStagePlan(number: $0.offset + 1, stage: $0.element) }
        requests = requestNames.map { LiveTotals(name: $0.name, method: $0.method) }
    }

    /// Marks the run as started at `date`.
    package mutating func start(at date: Date) {
        startedAt = date
    }

    /// Folds one more second into the series and the running tables; `failures` are its failures by category per
    /// request name (empty when not known: the totals then have no categories). Monitor readings taken since the last
    /// second become current.
    package mutating func record(_ sample: SecondSample, failures: [RequestFailureCounts] = []) {
        publishMonitors()
        if stageStartSeconds[sample.stage] == nil { stageStartSeconds[sample.stage] = sample.second }
        let stageIndex = stageTotals.firstIndex { $0.stage == sample.stage } ?? {
            stageTotals.append(LiveTotals(name: "stage \(sample.stage)", method: "", stage: sample.stage))
            return stageTotals.count - 1
        }()
        var secondLatency = LatencyHistogram()
        for interval in sample.requests {
            let latency = interval.latency?.histogram ?? LatencyHistogram()
            secondLatency.add(latency)
            let index = requests.firstIndex { $0.name == interval.name && $0.method == interval.method } ?? {
                requests.append(LiveTotals(name: interval.name, method: interval.method))
                return requests.count - 1
            }()
            requests[index].add(requests: interval.requests, failures: interval.failures, latency: latency)
        }
        for counts in failures {
            guard let index = requests.firstIndex(where: { $0.name == counts.name && $0.method == counts.method }) else { continue }
            requests[index].add(failuresByCategory: counts.byCategory)
        }
        stageTotals[stageIndex].add(
            requests: sample.aggregated.requests, failures: sample.aggregated.failures, latency: secondLatency)
        stageTotals[stageIndex].seconds += 1
        let hasLatency = secondLatency.count > 0
        seconds.append(LiveSecond(
            second: sample.second, stage: sample.stage, inWindow: sample.inWindow, users: sample.users,
            targetRate: targetRate(second: sample.second, stage: sample.stage),
            requests: sample.aggregated.requests, failures: sample.aggregated.failures,
            p50Micros: hasLatency ? secondLatency.micros(atPercentile: 50) : nil,
            p95Micros: hasLatency ? secondLatency.micros(atPercentile: 95) : nil,
            p99Micros: hasLatency ? secondLatency.micros(atPercentile: 99) : nil,
            generatorCPUPercent: sample.generatorCPUPercent, schedulingLagMicros: sample.schedulingLagMicros))
    }

    /// Keeps `reading` as its monitor's latest; it shows once the next second completes.
    package mutating func monitorRead(_ reading: MonitorReading) {
        pendingMonitors.removeAll { $0.name == reading.name }
        pendingMonitors.append(reading)
    }

    private mutating func publishMonitors() {
        for reading in pendingMonitors {
            if let index = monitors.firstIndex(where: { $0.name == reading.name }) {
                monitors[index] = reading
            } else {
                monitors.append(reading)
            }
        }
        pendingMonitors.removeAll()
    }

    /// Keeps `diagnostic` as a note of the current second.
    package mutating func note(_ diagnostic: Diagnostic) {
        notes.append(LiveNote(
            second: (seconds.last?.second ?? -1) + 1, severity: diagnostic.severity.rawValue, message: diagnostic.message))
        if notes.count > Self.maxNotes { notes.removeFirst(notes.count - Self.maxNotes) }
    }

    /// Marks the run as over, its files written to `reportFolder` (nil when they could not be written).
    package mutating func finish(reportFolder: String?) {
        finished = true
        self.reportFolder = reportFolder
    }

    /// The last completed second; nil before the first.
    package var current: LiveSecond? { seconds.last }

    /// An open stage's target rate (arrivals a second) at the middle of `second`, from its start as reached and
    /// its planned duration (a ramp is linear); nil for a closed stage.
    func targetRate(second: Int, stage: Int) -> Double? {
        guard stage >= 1, stage <= stages.count, let rate = stages[stage - 1].rate else { return nil }
        let start = Double(stageStartSeconds[stage] ?? second)
        let duration = max(stages[stage - 1].durationSeconds, 1)
        let fraction = min(max((Double(second) + 0.5 - start) / duration, 0), 1)
        return rate.startPerSecond + (rate.endPerSecond - rate.startPerSecond) * fraction
    }
}
