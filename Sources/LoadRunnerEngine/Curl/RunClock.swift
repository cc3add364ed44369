import Foundation

/// Monotonic time since the run started, in microseconds; cheap enough to read per request.
package struct RunClock: Sendable {
    private let startNanos: UInt64
    /// Wall-clock time at the start, to turn run times into dates.
    package let startDate: Date

    package init() {
        startNanos = Self.monotonicNanos()
        startDate = Date()
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
