import LoadRunnerCore

/// The statistics one curl loop collects on its own thread: per stage window and request name, the
/// current second's counts, and the distinct failures. Merged with the other loops' once, at the end.
struct LoopRecorder {
    /// This loop's copy of the timeline, refreshed from `live` after a stage that ends by count ended.
    private var schedule: StageSchedule
    private let live: LiveSchedule
    private var scheduleVersion: Int
    /// `[stage][request]`, only samples that completed inside the stage's statistics window.
    private(set) var windowStats: [[RequestStats]]
    /// Samples that completed in `currentSecond`, per request.
    private var secondStats: [RequestStats]
    private(set) var currentSecond = 0
    private(set) var failures: [FailureKey: FailureTally] = [:]
    /// Index of the slot the last sample fell in; samples arrive in time order on one loop.
    private var slotIndex = 0

    init(live: LiveSchedule, requests: [RequestSpec]) {
        self.live = live
        scheduleVersion = live.version
        let schedule = live.current
        self.schedule = schedule
        let empty = requests.map { RequestStats(name: $0.name, method: $0.method) }
        windowStats = Array(repeating: empty, count: schedule.slots.count)
        secondStats = empty
    }

    /// Records one completed request at run time `micros`.
    mutating func record(requestIndex: Int, outcome: RequestOutcome, atMicros micros: Int64) {
        secondStats[requestIndex].record(outcome)
        if let failure = outcome.failure {
            failures[FailureKey(requestIndex: requestIndex, failure: failure), default: FailureTally(firstSeenMicros: micros)]
                .add(atMicros: micros)
        }
        if live.version != scheduleVersion {
            scheduleVersion = live.version
            schedule = live.current
        }
        let slots = schedule.slots
        while slotIndex < slots.count && micros >= slots[slotIndex].endMicros { slotIndex += 1 }
        guard slotIndex < slots.count, micros >= slots[slotIndex].windowStartMicros else { return }
        windowStats[slotIndex][requestIndex].record(outcome)
    }

    /// Hands the finished seconds before `second` to `deliver`, in order (empty seconds included).
    /// `deliver` must not keep what it is given: the counts are then zeroed in place, so a long run
    /// allocates no new histograms every second.
    mutating func rollOver(toSecond second: Int, deliver: (LoopSecond) -> Void) {
        while currentSecond < second {
            deliver(LoopSecond(second: currentSecond, requests: secondStats))
            for index in secondStats.indices { secondStats[index].reset() }
            currentSecond += 1
        }
    }
}

/// What one loop measured during one second of the run.
struct LoopSecond: Sendable {
    var second: Int
    var requests: [RequestStats]
}

/// A distinct failure: request and message.
struct FailureKey: Hashable, Sendable {
    var requestIndex: Int
    var failure: RequestFailure
}

/// How often a failure happened, and when first and last (run microseconds).
struct FailureTally: Sendable {
    var count: UInt64 = 0
    var firstSeenMicros: Int64
    var lastSeenMicros: Int64 = 0

    init(firstSeenMicros: Int64) { self.firstSeenMicros = firstSeenMicros }

    mutating func add(atMicros micros: Int64) {
        count += 1
        firstSeenMicros = min(firstSeenMicros, micros)
        lastSeenMicros = max(lastSeenMicros, micros)
    }

    mutating func merge(_ other: FailureTally) {
        count += other.count
        firstSeenMicros = min(firstSeenMicros, other.firstSeenMicros)
        lastSeenMicros = max(lastSeenMicros, other.lastSeenMicros)
    }
}
