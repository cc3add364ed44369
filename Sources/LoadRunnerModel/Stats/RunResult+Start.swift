import Foundation

extension RunResult {
    /// `date` as Unix time in whole microseconds, rounded as `result.json` writes dates.
    package static func unixMicros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.toNearestOrAwayFromZero))
    }

    /// The series' time zero as Unix microseconds: `startUnixMicros`, or for a schema 1 file the provenance's
    /// start time (the same instant, written to the microsecond).
    package var seriesStartUnixMicros: Int64 { startUnixMicros ?? Self.unixMicros(provenance.startTime) }
}
