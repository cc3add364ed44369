import Foundation
import LoadRunnerModel

/// Monotonic time since the run started, in microseconds; cheap enough to read per request.
package struct RunClock: Sendable {
    private let startNanos: UInt64
    /// Wall-clock time at the start, to turn run times into dates.
    package let startDate: Date

    package init() {
        startNanos = Self.monotonicNanos()
        startDate = Date()
    }

    /// A clock whose time zero is the wall-clock moment `originUnixMicros` (a common start, `--start-at`), at or
    /// before now: run time now is how long ago that was. An origin in the future starts now instead.
    package init(originUnixMicros: Int64) {
        let nanos = Self.monotonicNanos()
        let now = Date()
        let agoNanos = max(0, (RunResult.unixMicros(now) - originUnixMicros) * 1_000)
        startNanos = nanos &- min(UInt64(agoNanos), nanos)
        startDate = agoNanos == 0 ? now : Date(timeIntervalSince1970: Double(originUnixMicros) / 1_000_000)
    }

    package func nowMicros() -> Int64 {
        Int64((Self.monotonicNanos() &- startNanos) / 1_000)
    }

    /// The wall-clock date of a run time.
    package func date(atMicros micros: Int64) -> Date {
        startDate.addingTimeInterval(Double(micros) / 1_000_000)
    }

    private static func monotonicNanos() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
