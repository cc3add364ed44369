import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerText

/// Runs every command monitor of a profile on its own schedule and keeps the samples.
///
/// Each monitor runs its command at run times 0, interval, 2·interval, ... (`CommandMonitorSchedule`),
/// one copy at a time: a sample that comes due while the previous command still runs is recorded as
/// missing ("still running from the previous sample"), and the next command starts at the first due time
/// after it ended. Ticks that passed while the sampler waited for Swift's pool are taken by one late run,
/// without samples of their own. A sample's timeout is `CommandMonitorSchedule.timeout(interval:)`.
/// Problems reach the observer as `CommandMonitorLog` decides (a failing monitor once, again after it
/// recovered; a slow one once); nothing here throws.
enum CommandMonitorSampler {
    /// What a started sampler hands to `finish`: each monitor's samples, in profile order.
    struct Recording: Sendable {
        var specs: [CommandMonitorSpec]
        var samples: [[CommandMonitorSample]]
    }

    /// Starts sampling on Swift's pool until cancelled; the task's value is what `finish` turns into series.
    /// Without monitors there is nothing to start.
    static func start(
        specs: [CommandMonitorSpec], clock: RunClock, runner: CommandRunner, observer: some RunObserver
    ) -> Task<Recording, Never>? {
        guard !specs.isEmpty else { return nil }
        return Task {
            let samples = await withTaskGroup(of: (Int, [CommandMonitorSample]).self) { group in
                for (index, spec) in specs.enumerated() {
                    group.addTask { (index, await sample(spec, clock: clock, runner: runner, observer: observer)) }
                }
                var samples = specs.map { _ in [CommandMonitorSample]() }
                for await (index, monitorSamples) in group { samples[index] = monitorSamples }
                return samples
            }
            return Recording(specs: specs, samples: samples)
        }
    }

    /// Stops scheduling and waits for commands still running (each ends within its timeout); returns one
    /// series per monitor, in profile order, summarised in each stage's window. Empty without a sampler.
    static func finish(_ task: Task<Recording, Never>?, stages: [StageResult]) async -> [CommandMonitorSeries] {
        guard let task else { return [] }
        task.cancel()
        let recording = await task.value
        return zip(recording.specs, recording.samples).map { spec, samples in
            CommandMonitorSeries(
                name: spec.name, command: spec.command, unit: spec.unit,
                intervalSeconds: Double(CommandRunner.micros(spec.interval)) / 1_000_000, samples: samples,
                windowsOf: stages)
        }
    }

    /// One monitor's loop: sleep until the next due time, run, record, until cancelled.
    private static func sample(
        _ spec: CommandMonitorSpec, clock: RunClock, runner: CommandRunner, observer: some RunObserver
    ) async -> [CommandMonitorSample] {
        let schedule = CommandMonitorSchedule(interval: spec.interval)
        let timeout = CommandMonitorSchedule.timeout(interval: spec.interval)
        var log = CommandMonitorLog(name: spec.name, interval: spec.interval)
        var tick = schedule.tick(atMicros: clock.nowMicros())
        // Once the run is stopping (Ctrl-C), no new sample starts: it would only be ended at once.
        while !Task.isCancelled && !runner.isStopping {
            let wait = schedule.dueMicros(tick) - clock.nowMicros()
            if wait > 0 {
                do { try await Task.sleep(for: .microseconds(wait)) } catch { break }
            }
            // Cancelling this task does not stop the command; the run ends within its timeout.
            let run = await runner.run(spec.command, timeout: timeout, role: .monitor(spec.name))
            if let message = log.record(run) { observer.report(.warning(message)) }
            if let taken = log.samples.last { observer.monitorRead(.command(name: spec.name, unit: spec.unit, taken)) }
            let ranAt = max(tick, schedule.tick(atMicros: Int64((run.startSeconds * 1_000_000).rounded())))
            let next = schedule.nextTick(after: ranAt, endMicros: Int64((run.endSeconds * 1_000_000).rounded()))
            // Once stopped, the ticks this run overlapped are dropped: they lie mostly past the end of the
            // load, and a missing sample has no value to lose.
            if !Task.isCancelled {
                for skipped in (ranAt + 1)..<next {
                    let atSeconds = Double(schedule.dueMicros(skipped)) / 1_000_000
                    if let message = log.recordStillRunning(atSeconds: atSeconds) { observer.report(.warning(message)) }
                }
            }
            tick = next
        }
        return log.samples
    }
}
