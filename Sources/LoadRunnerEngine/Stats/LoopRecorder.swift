import LoadRunnerModel

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
    /// `[stage][request]`: requests in flight at the stage's end (completed later, or abandoned at the run's end).
    private(set) var inFlightAtEnd: [[InFlightTally]]
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
        inFlightAtEnd = Array(repeating: Array(repeating: InFlightTally(), count: requests.count), count: schedule.slots.count)
    }

    /// Counts a request that ran from `startMicros` to `untilMicros` as in flight at the end of every stage
    /// whose end lies in between; an `abandoned` one (the run ends at `untilMicros`) also at the end of the
    /// stage it was in then. A request that started and ended within one stage costs one comparison.
    mutating func recordInFlight(requestIndex: Int, startMicros: Int64, untilMicros: Int64, abandoned: Bool = false) {
        refreshSchedule()
        let slots = schedule.slots
        // The stage `untilMicros` falls in; times only grow on one loop, so the search starts where `record` is.
        var current = slotIndex
        while current < slots.count && untilMicros >= slots[current].endMicros { current += 1 }
        // Walk back over the stages that ended by then, newest first, while they ended after the request began.
        var earlier = current - 1
        while earlier >= 0 && slots[earlier].endMicros > startMicros {
            inFlightAtEnd[earlier][requestIndex].add(micros: slots[earlier].endMicros - startMicros)
            earlier -= 1
        }
        if abandoned, current < slots.count, slots[current].endMicros > startMicros {
            inFlightAtEnd[current][requestIndex].add(micros: untilMicros - startMicros)
        }
    }

    /// Records one completed request at run time `micros`.
    mutating func record(requestIndex: Int, outcome: RequestOutcome, atMicros micros: Int64) {
        secondStats[requestIndex].record(outcome)
        if let failure = outcome.failure {
            failures[FailureKey(requestIndex: requestIndex, failure: failure), default: FailureTally(firstSeenMicros: micros)]
                .add(atMicros: micros)
        }
        refreshSchedule()
        let slots = schedule.slots
        while slotIndex < slots.count && micros >= slots[slotIndex].endMicros { slotIndex += 1 }
        guard slotIndex < slots.count, micros >= slots[slotIndex].windowStartMicros else { return }
        windowStats[slotIndex][requestIndex].record(outcome)
    }

    /// Takes the live timeline again when a stage that ends by count has moved the stages after it.
    private mutating func refreshSchedule() {
        if live.version != scheduleVersion {
            scheduleVersion = live.version
            schedule = live.current
        }
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

/// Requests of one name in flight at a stage's end, and how long the oldest had been running by then.
struct InFlightTally: Sendable {
    var count = 0
    var longestMicros: Int64 = 0

    mutating func add(micros: Int64) {
        count += 1
        longestMicros = max(longestMicros, micros)
    }

    mutating func merge(_ other: InFlightTally) {
        count += other.count
        longestMicros = max(longestMicros, other.longestMicros)
    }
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
