import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Samples every monitor of a profile from one `/proc` scan per run second, and keeps the samples.
///
/// `start` takes a baseline at run start and then a sample at each run second's end, labelled with that
/// second; `finish` stops it and closes the last (possibly partial) second. A monitored process that is
/// down is recorded as such and reported once through the observer; nothing here throws.
struct MonitorSampler: Sendable {
    private var monitors: [ProcessMonitor]
    private var seconds: [[MonitorSecond]]
    /// Monitors already reported down (reported again only after they came back).
    private var reportedDown: Set<Int> = []
    /// The label of the last sample; -1 after the baseline.
    private var lastSecond = -1
    private let procRoot: String

    init(specs: [MonitorSpec], procRoot: String = "/proc") {
        monitors = specs.map { ProcessMonitor(spec: $0, procRoot: procRoot) }
        seconds = specs.map { _ in [] }
        self.procRoot = procRoot
    }

    /// Runs the sampler on Swift's pool until cancelled; the task's value is the sampler to `finish`.
    /// Without monitors there is nothing to start.
    static func start(specs: [MonitorSpec], clock: RunClock, observer: some RunObserver) -> Task<MonitorSampler, Never>? {
        guard !specs.isEmpty else { return nil }
        return Task {
            var sampler = MonitorSampler(specs: specs)
            sampler.baseline(observer: observer)
            while !Task.isCancelled {
                let boundary = Int64(sampler.lastSecond + 2) * 1_000_000
                do { try await Task.sleep(for: .microseconds(max(0, boundary - clock.nowMicros()))) } catch { break }
                sampler.sample(second: sampler.lastSecond + 1, observer: observer)
            }
            return sampler
        }
    }

    /// Stops a started sampler and closes the run's last second (sampled now when the run ended inside
    /// it, or before the sampler reached its end). Returns one series per monitor, summarised per stage.
    static func finish(
        _ task: Task<MonitorSampler, Never>?, endMicros: Int64, observer: some RunObserver
    ) async -> MonitorSampler? {
        guard let task else { return nil }
        task.cancel()
        var sampler = await task.value
        if Int64(sampler.lastSecond + 1) * 1_000_000 < endMicros {
            sampler.sample(second: sampler.lastSecond + 1, observer: observer)
        }
        return sampler
    }

    /// The recorded series with their stage-window summaries.
    func series(stages: [StageResult]) -> [MonitorSeries] {
        zip(monitors, seconds).map { monitor, seconds in
            MonitorSeries(
                name: monitor.spec.name, target: monitor.spec.target.description, seconds: seconds, windowsOf: stages)
        }
    }

    /// The first sample: it has no rates, so it only primes each monitor; a process down already is reported.
    private mutating func baseline(observer: some RunObserver) {
        let table = ProcessTable.read(procRoot: procRoot)
        for index in monitors.indices {
            let sample = monitors[index].sample(at: -1, table: table)
            reportChange(index, sample, observer: observer)
        }
    }

    private mutating func sample(second: Int, observer: some RunObserver) {
        let table = ProcessTable.read(procRoot: procRoot)
        for index in monitors.indices {
            let sample = monitors[index].sample(at: second, table: table)
            seconds[index].append(sample)
            observer.monitorRead(.process(name: monitors[index].spec.name, sample))
            reportChange(index, sample, observer: observer)
        }
        lastSecond = second
    }

    /// Tells the observer once when a monitored process is found down; again only after it came back.
    private mutating func reportChange(_ index: Int, _ sample: MonitorSecond, observer: some RunObserver) {
        if sample.alive {
            reportedDown.remove(index)
        } else if reportedDown.insert(index).inserted {
            observer.report(Messages.monitorDown(monitors[index].spec.name, reason: sample.reason ?? "", second: sample.second))
        }
    }
}
