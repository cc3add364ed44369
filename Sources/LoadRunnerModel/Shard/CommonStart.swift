/// Where a run's time zero goes when it was asked to start at a common moment (`--start-at`): a pure function of
/// that moment and the time the load is ready, so the shards' series align on the same absolute seconds.
package struct CommonStart: Sendable, Equatable {
    /// The run's time zero, Unix microseconds: the common start, or now when that is too far past.
    package var originUnixMicros: Int64
    /// How late the load began after the common start, in microseconds (0 when on time).
    package var lateMicros: Int64
    /// True when the common start had passed by more than `lateBoundMicros`: the load starts now, not on the
    /// common timeline (its seconds do not align with the other shards'), and a warning says so.
    package var startedLate: Bool

    /// How far past the common start a load may begin and still take it as its time zero (2 s): it then catches up
    /// on what was due since, as a single process that stalled would.
    package static let lateBoundMicros: Int64 = 2_000_000
    /// How far ahead a common start may be (24 h): further is a mistake (a wrong date or time zone).
    package static let farBoundMicros: Int64 = 24 * 3_600 * 1_000_000

    /// The start of a load asked to begin at `startAtUnixMicros` and ready at `nowUnixMicros` (at or after it,
    /// once it waited).
    package init(startAtUnixMicros: Int64, nowUnixMicros: Int64) {
        lateMicros = max(0, nowUnixMicros - startAtUnixMicros)
        startedLate = lateMicros > Self.lateBoundMicros
        originUnixMicros = startedLate ? nowUnixMicros : min(startAtUnixMicros, nowUnixMicros)
    }
}
