import Foundation

/// When a command monitor's samples are due: at run times 0, interval, 2·interval, ... (tick 0, 1, 2, ...),
/// fixed to the run clock so that slow runs and late wake-ups never make the schedule drift.
struct CommandMonitorSchedule: Sendable, Equatable {
    let intervalMicros: Int64

    init(interval: Duration) {
        intervalMicros = max(1, CommandRunner.micros(interval))
    }

    /// The longest one sample's command may run: its interval, but at least `minimumTimeout`, so a command
    /// that is only a little slower than a short interval still gives values (with missing samples
    /// between) instead of being killed every time. In-flight samples are waited for when the run ends,
    /// so this also bounds how long a hung command can delay the end (plus the 2 s SIGKILL grace).
    static func timeout(interval: Duration) -> Duration {
        max(interval, minimumTimeout)
    }

    static let minimumTimeout = Duration.seconds(5)

    /// Run time of `tick`, in microseconds.
    func dueMicros(_ tick: Int64) -> Int64 { tick * intervalMicros }

    /// The latest tick due at or before `micros`: the first one when sampling starts (taken at once; tick 0
    /// when started with the run), and the one a run really belongs to when it started late (a busy pool
    /// woke the sampler after later ticks came due: those are taken together by that one run).
    func tick(atMicros micros: Int64) -> Int64 { max(0, micros) / intervalMicros }

    /// The tick after a run that started at `tick` and ended at `endMicros`: the first one due at or after
    /// the end, and always a later one. The ticks skipped in between came due while the command still ran.
    func nextTick(after tick: Int64, endMicros: Int64) -> Int64 {
        max(tick + 1, (max(0, endMicros) + intervalMicros - 1) / intervalMicros)
    }
}
