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
    /// Per stage index, the lag p99 of each second of the window with at least `LoopLoad.minimumLagSamplesPerSecond`
    /// samples (both kinds), so that the saturation rule can ask in how many seconds the loop lagged.
    private var closedSecondsP99: [[UInt64]]
    /// The second being gathered: its number, its stage, and its samples (buckets reused from second to second).
    private var openSecond = -1
    private var openSecondStage: Int?
    private var openSecondLag = LatencyHistogram()

    init(live: LiveSchedule) {
        self.live = live
        scheduleVersion = live.version
        schedule = live.current
        pollLag = Array(repeating: LatencyHistogram(), count: schedule.slots.count)
        userLag = pollLag
        closedSecondsP99 = Array(repeating: [], count: schedule.slots.count)
    }

    /// A wait that ended by timeout returned `lateMicros` after the deadline it asked for, at `micros`.
    mutating func recordPoll(lateMicros: Int64, atMicros micros: Int64) {
        guard let index = windowIndex(atMicros: micros) else { return }
        pollLag[index].record(micros: UInt64(max(0, lateMicros)))
        recordInSecond(lateMicros: lateMicros, atMicros: micros, stage: index)
    }

    /// A user's request started `lateMicros` after its previous response, at `micros`.
    mutating func recordUser(lateMicros: Int64, atMicros micros: Int64) {
        guard let index = windowIndex(atMicros: micros) else { return }
        userLag[index].record(micros: UInt64(max(0, lateMicros)))
        recordInSecond(lateMicros: lateMicros, atMicros: micros, stage: index)
    }

    /// The lag p99 of each second of stage `index`'s window that had enough samples, the second still being
    /// gathered included.
    func secondsP99(stage index: Int) -> [UInt64] {
        var seconds = closedSecondsP99[index]
        if openSecondStage == index, let p99 = Self.p99(openSecondLag) { seconds.append(p99) }
        return seconds
    }

    private mutating func recordInSecond(lateMicros: Int64, atMicros micros: Int64, stage: Int) {
        let second = Int(micros / 1_000_000)
        if second != openSecond {
            if let previous = openSecondStage, let p99 = Self.p99(openSecondLag) { closedSecondsP99[previous].append(p99) }
            openSecondLag.reset()
            openSecond = second
        }
        openSecondStage = stage
        openSecondLag.record(micros: UInt64(max(0, lateMicros)))
    }

    private static func p99(_ lag: LatencyHistogram) -> UInt64? {
        lag.count >= LoopLoad.minimumLagSamplesPerSecond ? lag.micros(atPercentile: 99) : nil
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
