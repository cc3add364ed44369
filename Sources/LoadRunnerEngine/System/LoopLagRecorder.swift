import LoadRunnerModel

/// How late one curl loop ran its work, per stage window: its waits that ended by timeout against their
/// deadlines, and its users' request starts against their previous responses. Touched only on the loop thread.
struct LoopLagRecorder {
    /// This loop's copy of the timeline, refreshed from `live` after a stage that ends by count ended.
    private var schedule: StageSchedule
    private let live: LiveSchedule
    private var scheduleVersion: Int
    /// Per stage index, samples inside the stage's statistics window.
    private(set) var pollLag: [LatencyHistogram]
    private(set) var userLag: [LatencyHistogram]

    init(live: LiveSchedule) {
        self.live = live
        scheduleVersion = live.version
        schedule = live.current
        pollLag = Array(repeating: LatencyHistogram(), count: schedule.slots.count)
        userLag = pollLag
    }

    /// A wait that ended by timeout returned `lateMicros` after the deadline it asked for, at `micros`.
    mutating func recordPoll(lateMicros: Int64, atMicros micros: Int64) {
        guard let index = windowIndex(atMicros: micros) else { return }
        pollLag[index].record(micros: UInt64(max(0, lateMicros)))
    }

    /// A user's request started `lateMicros` after its previous response, at `micros`.
    mutating func recordUser(lateMicros: Int64, atMicros micros: Int64) {
        guard let index = windowIndex(atMicros: micros) else { return }
        userLag[index].record(micros: UInt64(max(0, lateMicros)))
    }

    /// The stage whose statistics window holds `micros`, if one does.
    private mutating func windowIndex(atMicros micros: Int64) -> Int? {
        if live.version != scheduleVersion {
            scheduleVersion = live.version
            schedule = live.current
        }
        guard let slot = schedule.slot(atMicros: micros), micros >= slot.windowStartMicros, slot.index < pollLag.count
        else { return nil }
        return slot.index
    }
}
