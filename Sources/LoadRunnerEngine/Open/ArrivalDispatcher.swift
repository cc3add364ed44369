import LoadRunnerModel

/// The open-model arrivals of one curl loop and its pool of connections; touched only on the loop's thread.
///
/// It pulls the loop's arrivals (k ≡ loop mod the dispatching loops) lazily from the plan, one ahead: an arrival
/// joins the FIFO queue once its time has come, and leaves it on a connection (an idle `CurlTransfer`, whose
/// kept-alive connection libcurl reuses, or a new one while the pool is below the loop's share of
/// `max_connections` and its `ConnectionBudget` has a token). The schedule never moves: the loop only asks when to
/// wake (`wakeMicros`). A class: it owns the pool's transfers.
final class ArrivalDispatcher {
    let setup: OpenArrivals
    /// Renders each arrival's request with its `ArrivalChoice` generator.
    var renderer: RequestRenderer
    private(set) var queue = ArrivalQueue()
    /// The loop's share of `max_connections`; lowered to the pool's size if libcurl cannot make another handle.
    private(set) var capacity: Int
    /// Transfers made so far; those not running are in `idle`.
    private(set) var poolSize = 0
    /// How fast the pool may grow (Little's law and a token bucket).
    private(set) var budget = ConnectionBudget()
    private var idle: [CurlTransfer] = []
    private var arrivals: ArrivalPlan.Iterator
    /// The loop's next arrival not yet due.
    private var next: Arrival?
    /// The plan's part the last admitted arrival belongs to (its rate curve), as an index into `setup.plan.parts`.
    private var partHint = 0
    private let loopIndex: Int
    private let live: LiveSchedule
    private var schedule: StageSchedule
    private var scheduleVersion: Int
    /// Arrivals due at or after this run time are not sent: the load has ended there.
    private var endMicros = Int64.max
    /// Arrivals due by this run time found every connection busy at some point: their lag includes a wait for the
    /// pool (the target's slowness), not only the loop's own lateness.
    private(set) var waitedThroughMicros = Int64.min
    /// Arrivals due by this run time found no idle connection while the pool was below its cap and its budget
    /// refused to open one: they waited for the pool to grow at its paced rate.
    private(set) var grewThroughMicros = Int64.min

    init(setup: OpenArrivals, loopIndex: Int, live: LiveSchedule) {
        self.setup = setup
        self.loopIndex = loopIndex
        self.live = live
        renderer = RequestRenderer(plans: setup.plans, sources: setup.sources)
        capacity = setup.connections(ofLoop: loopIndex)
        arrivals = setup.plan.makeIterator()
        scheduleVersion = live.version
        schedule = live.current
        next = nil
        next = pullOwn()
    }

    /// Moves every arrival of this loop whose time has come by `now` (and is before the load's end) to the queue,
    /// telling `due` its intended time.
    func admitDue(nowMicros now: Int64, due: (Int64) -> Void) {
        while let arrival = next {
            let at = intendedMicros(arrival)
            guard at < endMicros else {
                next = nil
                return
            }
            guard at <= now else { return }
            queue.append(QueuedArrival(index: arrival.index, intendedMicros: at))
            budget.arrivalDue(ratePerSecond: loopRate(at: arrival), poolSize: poolSize, lateMicros: now - at)
            due(at)
            next = pullOwn()
        }
    }

    /// A connection for the oldest waiting arrival: an idle one, else (when `opening`) a new one while the pool is
    /// below the loop's share of `max_connections` and the budget has a token; nil when the arrival must wait for
    /// a busy connection to come free.
    func takeTransfer(opening: Bool) -> CurlTransfer? {
        if let transfer = idle.popLast() { return transfer }
        guard opening, poolSize < capacity, budget.takeToken() else { return nil }
        guard let transfer = try? CurlTransfer(settings: setup.settings) else {
            capacity = poolSize
            return nil
        }
        poolSize += 1
        return transfer
    }

    /// True when the pool has its share of `max_connections` (or as many as libcurl could make).
    var isFull: Bool { poolSize >= capacity }

    /// Every arrival due by `now` is waiting behind a busy pool.
    func noteNoConnection(nowMicros now: Int64) {
        waitedThroughMicros = max(waitedThroughMicros, now)
        if !isFull { grewThroughMicros = max(grewThroughMicros, now) }
    }

    /// True when the arrival due at `intendedMicros` waited while the budget refused to open a connection.
    func waitedForGrowth(intendedMicros: Int64) -> Bool { intendedMicros <= grewThroughMicros }

    /// Takes the oldest waiting arrival off the queue.
    func removeFirst() -> QueuedArrival? { queue.removeFirst() }

    /// Gives a transfer back to the pool without it having been sent (its request was refused).
    func release(_ transfer: CurlTransfer) { idle.append(transfer) }

    /// A sent arrival's request ended (answered or failed after `serviceMicros` of libcurl's time, or given up:
    /// nil): one fewer in flight, its transfer idle.
    func arrivalEnded(_ transfer: CurlTransfer, serviceMicros: UInt64?) {
        if let serviceMicros { budget.observe(serviceMicros: serviceMicros) }
        setup.inFlight.ended()
        transfer.intendedMicros = nil
        idle.append(transfer)
    }

    /// The load ends at run time `micros`: arrivals due then or later are never sent. Only moves earlier.
    func end(atMicros micros: Int64) { endMicros = min(endMicros, micros) }

    /// True once the load's end has been dealt with (`close`): nothing more is admitted or sent.
    private(set) var isClosed = false

    /// Admits nothing more, ever (the load has ended and its waiting arrivals were recorded).
    func close() {
        isClosed = true
        endMicros = .min
        next = nil
    }

    /// When the loop must look again: the next arrival's time, or when the oldest waiting one becomes `missed`.
    var wakeMicros: Int64? {
        var wake = queue.first.map { $0.intendedMicros + setup.maxLagMicros }
        if let next {
            let at = intendedMicros(next)
            if at < endMicros { wake = min(wake ?? at, at) }
        }
        return wake
    }

    /// The intended time of the oldest arrival not yet sent whose time has come by `now` (waiting, or due and
    /// not yet pulled); nil when none. A second is not handed on before its arrivals are in.
    func oldestWaitingMicros(nowMicros now: Int64) -> Int64? {
        if let first = queue.first { return first.intendedMicros }
        guard let next else { return nil }
        let at = intendedMicros(next)
        return at <= now && at < endMicros ? at : nil
    }

    /// When `arrival` is due on the live timeline: its offset from its stage's actual start (a stage before it
    /// that ended by count moves it earlier).
    private func intendedMicros(_ arrival: Arrival) -> Int64 {
        if live.version != scheduleVersion {
            scheduleVersion = live.version
            schedule = live.current
        }
        guard arrival.stage < schedule.slots.count else { return arrival.intendedMicros }
        return schedule.slots[arrival.stage].startMicros + arrival.offsetMicros
    }

    /// The arrival rate this loop serves when `arrival` is due: its stage's rate then, shared by the dispatching loops.
    private func loopRate(at arrival: Arrival) -> Double {
        let parts = setup.plan.parts
        if partHint >= parts.count || parts[partHint].stage != arrival.stage {
            guard let found = parts.firstIndex(where: { $0.stage == arrival.stage }) else { return 0 }
            partHint = found
        }
        let rate = parts[partHint].curve.rate(atSeconds: Double(arrival.offsetMicros) / 1_000_000)
        return rate / Double(setup.dispatchingLoops * setup.shard.count)
    }

    /// The plan's next arrival that is this loop's (and this shard's).
    private func pullOwn() -> Arrival? {
        let stride = setup.dispatchingLoops
        let shard = setup.shard
        guard loopIndex < stride else { return nil }
        while let arrival = arrivals.next() {
            guard shard.owns(arrival: arrival.index) else { continue }
            if (arrival.index / shard.count) % stride == loopIndex { return arrival }
        }
        return nil
    }
}
