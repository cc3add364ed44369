import LoadRunnerModel

/// The statistics one curl loop collects on its own thread: per stage window and request name, per second,
/// and the distinct failures. Merged with the other loops' once, at the end.
///
/// A request belongs to the stage window and the second in which it *started* (its actual start in the closed
/// model, its intended time t_k in the open model), whenever it completes; so a second is handed on only once no
/// request that started in it is still running or waiting (`rollOver(toSecond:)` is told how far it may go).
struct LoopRecorder {
    /// This loop's copy of the timeline, refreshed from `live` after a stage that ends by count ended.
    private var schedule: StageSchedule
    private let live: LiveSchedule
    private var scheduleVersion: Int
    /// `[stage][request]`, only requests that started inside the stage's statistics window.
    private(set) var windowStats: [[RequestStats]]
    /// Requests that started in second `currentSecond + i`, per request, at index `i`: the seconds not yet
    /// handed on (one, unless a request that started in an earlier second is still running).
    private var openSeconds: [[RequestStats]]
    /// Emptied per-second rows kept for reuse, so a long run allocates no new histograms every second.
    private var spareSeconds: [[RequestStats]] = []
    private let emptySecond: [RequestStats]
    /// The first second not handed on yet.
    private(set) var currentSecond = 0
    private(set) var failures: [FailureKey: FailureTally] = [:]
    /// `[stage][request]`: requests in flight at the stage's end (completed later, or never answered).
    private(set) var inFlightAtEnd: [[InFlightTally]]
    /// The slot the last request looked up started in; requests on one loop mostly start in time order.
    private var slotHint = 0
    /// `[stage]`: what this loop's open-model dispatch did with the arrivals due in each stage's window.
    private(set) var openTallies: [OpenTally]
    /// `[stage][flow]`: the iterations of each flow that started in the stage's window (empty without flows).
    private(set) var flowStats: [[FlowStats]]
    /// `[stage]`: the probes of `await:` steps whose write ended in the stage's window, by read and answering node.
    private(set) var visibility: [[VisibilityKey: VisibilityStats]]
    /// Per request index, its name: a visibility row's name.
    private let requestNames: [String]

    init(live: LiveSchedule, requests: [RequestSpec], flows: [FlowSpec] = []) {
        self.live = live
        scheduleVersion = live.version
        let schedule = live.current
        self.schedule = schedule
        let empty = requests.map { RequestStats(name: $0.name, method: $0.method) }
        windowStats = Array(repeating: empty, count: schedule.slots.count)
        emptySecond = empty
        openSeconds = [empty]
        inFlightAtEnd = Array(repeating: Array(repeating: InFlightTally(), count: requests.count), count: schedule.slots.count)
        openTallies = Array(repeating: OpenTally(), count: schedule.slots.count)
        flowStats = Array(repeating: flows.map { FlowStats(name: $0.name) }, count: schedule.slots.count)
        visibility = Array(repeating: [:], count: schedule.slots.count)
        requestNames = requests.map(\.name)
    }

    /// Records one probe of an await's read `requestIndex` whose write ended at `writeEndMicros`, in that moment's window
    /// (none in a warm-up); `node` answered its first poll. See `VisibilityStats`.
    mutating func recordProbe(requestIndex: Int, node: String?, writeEndMicros: Int64, visibleAfterMicros: Int64?, polls: Int) {
        guard let index = windowIndex(atMicros: writeEndMicros) else { return }
        let key = VisibilityKey(request: requestIndex, node: node)
        visibility[index][key, default: VisibilityStats(name: requestNames[requestIndex], node: node)]
            .recordProbe(visibleAfterMicros: visibleAfterMicros, polls: polls)
    }

    /// Records a flow iteration in the window of its start (none in a warm-up); see `FlowStats`.
    mutating func recordIteration(flow: Int, startMicros: Int64, endMicros: Int64, skipped: Bool) {
        guard let index = windowIndex(atMicros: startMicros) else { return }
        flowStats[index][flow].recordIteration(startMicros: startMicros, endMicros: endMicros, skipped: skipped)
    }

    /// Counts a request that ran from `startMicros` to `untilMicros` as in flight at the end of every stage
    /// whose end lies in between; an `abandoned` one (the run ends at `untilMicros`) also at the end of the
    /// stage it was in then. A request that started and ended within one stage costs a few comparisons.
    mutating func recordInFlight(requestIndex: Int, startMicros: Int64, untilMicros: Int64, abandoned: Bool = false) {
        refreshSchedule()
        let slots = schedule.slots
        // The stage `untilMicros` falls in: the one the request started in, or a later one.
        var current = slotIndex(atMicros: startMicros)
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

    /// Records one request that started at run time `startMicros` and ended (completed, or was given up as
    /// `incomplete`) at `micros`: in the window and the second of its start. `lagMicros` is how late it was
    /// sent against its schedule (a `pacing` user), nil when it had none. An `incomplete` request's age is kept
    /// with its failure (the longest becomes the failure's message).
    mutating func record(
        requestIndex: Int, outcome: RequestOutcome, startMicros: Int64, atMicros micros: Int64, lagMicros: Int64? = nil
    ) {
        guard let index = record(requestIndex: requestIndex, failure: outcome.failure, startMicros: startMicros, atMicros: micros, {
            $0.record(outcome)
        }) else { return }
        windowStats[index][requestIndex].record(outcome)
        if let lagMicros { windowStats[index][requestIndex].recordLag(micros: UInt64(max(0, lagMicros))) }
    }

    /// Records one open-model arrival due at run time `intendedMicros` that ended at `micros`: answered, failed,
    /// given up as `incomplete`, refused, or `missed` (never sent: `sentMicros` nil). Its latency runs from its
    /// intended time, its lag is actual send − intended; it belongs to the window and second of its intended time.
    mutating func recordOpen(
        requestIndex: Int, outcome: RequestOutcome, intendedMicros: Int64, sentMicros: Int64?, atMicros micros: Int64
    ) {
        let latency = UInt64(max(0, micros - intendedMicros))
        let lag = sentMicros.map { UInt64(max(0, $0 - intendedMicros)) }
        guard let index = record(requestIndex: requestIndex, failure: outcome.failure, startMicros: intendedMicros, atMicros: micros, {
            $0.recordOpen(outcome, latencyMicros: latency, lagMicros: lag)
        }) else { return }
        windowStats[index][requestIndex].recordOpen(outcome, latencyMicros: latency, lagMicros: lag)
        openTallies[index].ended(outcome, sent: sentMicros != nil)
    }

    /// An open-model arrival due at run time `intendedMicros` joined its loop's queue.
    mutating func noteOpenDue(intendedMicros: Int64) {
        if let index = windowIndex(atMicros: intendedMicros) { openTallies[index].due += 1 }
    }

    /// An open-model arrival due at `intendedMicros` went out, with `inFlight` requests in flight over every loop.
    mutating func noteOpenSent(intendedMicros: Int64, inFlight: Int) {
        guard let index = windowIndex(atMicros: intendedMicros) else { return }
        openTallies[index].sent += 1
        openTallies[index].peakInFlight = max(openTallies[index].peakInFlight, UInt64(max(0, inFlight)))
    }

    /// An open-model arrival due at `intendedMicros` found every connection of its loop's share busy.
    mutating func noteOpenWaiting(intendedMicros: Int64) {
        if let index = windowIndex(atMicros: intendedMicros) { openTallies[index].reachedMaxConnections = true }
    }

    /// An open-model arrival due at `intendedMicros` waited while its loop's pool was below its cap and the
    /// connection budget refused to open another (counted once, when it was sent or missed).
    mutating func noteOpenWaitedForGrowth(intendedMicros: Int64) {
        if let index = windowIndex(atMicros: intendedMicros) { openTallies[index].waitedForPoolGrowth += 1 }
    }

    /// Puts a request that started at `startMicros` in the second of its start and its failure (if any) in the
    /// failures, with `update`; returns the stage whose window it belongs to, nil when it is in none (a warm-up).
    private mutating func record(
        requestIndex: Int, failure: RequestFailure?, startMicros: Int64, atMicros micros: Int64,
        _ update: (inout RequestStats) -> Void
    ) -> Int? {
        // A second is handed on only once its requests are in (see `rollOver`); should one come late anyway, it
        // goes to the oldest second still open rather than be lost.
        let second = max(0, Int(startMicros / 1_000_000) - currentSecond)
        while openSeconds.count <= second { openSeconds.append(spareSeconds.popLast() ?? emptySecond) }
        update(&openSeconds[second][requestIndex])
        if let failure {
            let age = failure.category == .incomplete ? micros - startMicros : 0
            failures[FailureKey(requestIndex: requestIndex, failure: failure), default: FailureTally(firstSeenMicros: micros)]
                .add(atMicros: micros, ageMicros: age)
        }
        return windowIndex(atMicros: startMicros)
    }

    /// The stage whose statistics window holds run time `micros`; nil in a warm-up or after the last stage.
    private mutating func windowIndex(atMicros micros: Int64) -> Int? {
        refreshSchedule()
        let slots = schedule.slots
        let index = slotIndex(atMicros: micros)
        guard index < slots.count, micros >= slots[index].windowStartMicros else { return nil }
        return index
    }

    /// The slot `micros` falls in (`slots.count` at or after the last end). Most requests start in the slot the
    /// last one started in, which costs two comparisons; any other is found by a scan (slots are few).
    private mutating func slotIndex(atMicros micros: Int64) -> Int {
        let slots = schedule.slots
        let hint = slotHint
        if hint < slots.count, micros < slots[hint].endMicros, hint == 0 || micros >= slots[hint - 1].endMicros {
            return hint
        }
        slotHint = slots.firstIndex { micros < $0.endMicros } ?? slots.count
        return slotHint
    }

    /// Takes the live timeline again when a stage that ends by count has moved the stages after it.
    private mutating func refreshSchedule() {
        if live.version != scheduleVersion {
            scheduleVersion = live.version
            schedule = live.current
        }
    }

    /// Hands on every second before `finalSecond`, the first second after the load's end, when the loop
    /// stops. A request that started in or after `finalSecond` (a flow's `on_stop` request, sent after the load
    /// ended; users check the end at the instant they record as a request's start) is folded into the last
    /// second rather than dropped: every request sent is in the series.
    mutating func rollOverAtEnd(finalSecond: Int, deliver: (LoopSecond) -> Void) {
        let kept = finalSecond - currentSecond
        if kept > 0 && openSeconds.count > kept {
            for late in openSeconds[kept...] {
                for index in late.indices { openSeconds[kept - 1][index].add(late[index]) }
            }
            openSeconds.removeSubrange(kept...)
        }
        rollOver(toSecond: finalSecond, deliver: deliver)
    }

    /// Hands the finished seconds before `second` to `deliver`, in order (empty seconds included); the
    /// caller passes the second of the oldest request still running, or later, so no second goes before its
    /// requests are in. `deliver` must not keep what it is given: the rows are then zeroed and reused.
    mutating func rollOver(toSecond second: Int, deliver: (LoopSecond) -> Void) {
        while currentSecond < second {
            var finished = openSeconds.removeFirst()
            deliver(LoopSecond(second: currentSecond, requests: finished))
            for index in finished.indices { finished[index].reset() }
            if openSeconds.isEmpty { openSeconds.append(finished) } else { spareSeconds.append(finished) }
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

/// How often a failure happened, and when first and last (run microseconds); for `incomplete` requests, how
/// long the oldest had waited.
struct FailureTally: Sendable {
    var count: UInt64 = 0
    var firstSeenMicros: Int64
    var lastSeenMicros: Int64 = 0
    var longestAgeMicros: Int64 = 0

    init(firstSeenMicros: Int64) { self.firstSeenMicros = firstSeenMicros }

    mutating func add(atMicros micros: Int64, ageMicros: Int64 = 0) {
        count += 1
        firstSeenMicros = min(firstSeenMicros, micros)
        lastSeenMicros = max(lastSeenMicros, micros)
        longestAgeMicros = max(longestAgeMicros, ageMicros)
    }

    mutating func merge(_ other: FailureTally) {
        count += other.count
        firstSeenMicros = min(firstSeenMicros, other.firstSeenMicros)
        lastSeenMicros = max(lastSeenMicros, other.lastSeenMicros)
        longestAgeMicros = max(longestAgeMicros, other.longestAgeMicros)
    }
}

/// Which probes a `VisibilityStats` row counts: one await read's, answered first by one node.
struct VisibilityKey: Hashable, Sendable {
    let request: Int
    let node: String?
}
