import LoadRunnerModel
import Synchronization

/// What the schedule driver tells running virtual users: how many should be running, and whether
/// the run is stopping. Users read it between requests; it is written a few times per second.
final class UserControl: Sendable {
    private let target = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Int>(0)
    /// Which user indices have a live user; a slot is reused only once its user has left.
    private let occupied: Mutex<[Bool]>
    /// How many entries of `occupied` are true, kept beside it so the driver reads it each step for free.
    private let occupiedCount = Atomic<Int>(0)
    /// Whether users count the requests they send (only when a stage ends by count or an action waits for
    /// a count: otherwise the shared counter would cost every request a contended atomic for nothing).
    let countsRequests: Bool
    /// Requests sent since the run started (counted only when `countsRequests`).
    private let sent = Atomic<Int>(0)
    /// While a stage that ends by count runs: true, and the requests it may still send.
    private let limited = Atomic<Bool>(false)
    private let remaining = Atomic<Int>(0)
    /// When the load ends (run microseconds): no request starts at or after it. The planned end, moved earlier
    /// when a stage that ends by count ends early or the load is stopped.
    private let loadEnd = Atomic<Int64>(.max)
    /// The index of the `unique` data source that ran out of rows in the current stage; -1 while none has.
    private let exhaustedSource = Atomic<Int>(-1)
    /// Set when a stop was requested (Ctrl-C, SIGTERM, SIGHUP): flow users leave without running their `on_stop`.
    private let skippingOnStop = Atomic<Bool>(false)

    /// Which users (global indices) this process runs; the others are other shards'.
    let shard: ShardPlan

    init(slots: Int, countsRequests: Bool = false, shard: ShardPlan = .single) {
        occupied = Mutex(Array(repeating: false, count: slots))
        self.countsRequests = countsRequests
        self.shard = shard
    }

    /// Starts a stage's request budget: at most `limit` more requests, or no limit for nil. No source has run out
    /// of rows in the new stage yet.
    func setRequestLimit(_ limit: Int?) {
        exhaustedSource.store(-1, ordering: .relaxed)
        if let limit {
            remaining.store(limit, ordering: .relaxed)
            limited.store(true, ordering: .releasing)
        } else {
            limited.store(false, ordering: .releasing)
        }
    }

    /// Called by a user before each request: false when the stage's budget is spent (the user then leaves).
    func takeRequest() -> Bool {
        guard countsRequests else { return true }
        if limited.load(ordering: .acquiring) && remaining.wrappingSubtract(1, ordering: .relaxed).oldValue <= 0 {
            return false
        }
        sent.wrappingAdd(1, ordering: .relaxed)
        return true
    }

    /// A user found `unique` source `index` out of rows and left without sending: the request it took from the budget
    /// goes back (it was not sent), and every user leaves so that the stage ends once the responses in flight are in.
    func sourceExhausted(_ index: Int) {
        if countsRequests {
            sent.wrappingSubtract(1, ordering: .relaxed)
            if limited.load(ordering: .acquiring) { remaining.wrappingAdd(1, ordering: .relaxed) }
        }
        _ = exhaustedSource.compareExchange(expected: -1, desired: index, ordering: .relaxed)
    }

    /// The `unique` source that ran out of rows in the current stage, if one did.
    var exhaustedSourceIndex: Int? {
        let index = exhaustedSource.load(ordering: .relaxed)
        return index < 0 ? nil : index
    }

    /// Requests the current limited stage may still send (0 once spent); nil when no limit is in force.
    var requestsLeft: Int? {
        limited.load(ordering: .acquiring) ? max(0, remaining.load(ordering: .relaxed)) : nil
    }

    /// Requests sent since the run started (0 unless `countsRequests`).
    var requestsSent: Int { sent.load(ordering: .relaxed) }

    /// Users that hold a slot: started and not yet left.
    var occupiedSlots: Int { occupiedCount.load(ordering: .acquiring) }

    /// Claims every free slot below `count` that this shard owns and returns their indices (users to start).
    func claimFreeSlots(below count: Int) -> [Int] {
        occupied.withLock { slots in
            var claimed: [Int] = []
            for index in shard.ownedUsers(in: 0..<min(count, slots.count)) where !slots[index] {
                slots[index] = true
                claimed.append(index)
            }
            occupiedCount.add(claimed.count, ordering: .releasing)
            return claimed
        }
    }

    /// Marks a slot free once its user has left.
    func release(slot index: Int) {
        occupied.withLock {
            if $0[index] { occupiedCount.subtract(1, ordering: .releasing) }
            $0[index] = false
        }
    }

    /// Users with an index at or above the target finish their current request and leave.
    func setTarget(_ users: Int) { target.store(users, ordering: .relaxed) }

    func stop() { stopping.store(true, ordering: .relaxed) }

    /// Sets when the load ends: a user does not start a request at or after `micros`, even while the driver
    /// (woken a little after that time) has not stopped it yet; such a request would fall outside every second.
    func setLoadEnd(micros: Int64) { loadEnd.store(micros, ordering: .relaxed) }

    /// Whether a request may start at `micros`: before the load's end.
    func mayStart(atMicros micros: Int64) -> Bool { micros < loadEnd.load(ordering: .relaxed) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// From now on, flow users that stop do not run their `on_stop` steps (a stop was requested).
    func skipOnStop() { skippingOnStop.store(true, ordering: .relaxed) }

    /// Whether a flow user that stops now runs its `on_stop` steps.
    var runsOnStop: Bool { !skippingOnStop.load(ordering: .relaxed) }

    /// Whether the user with `index` (0-based, in start order) should send another request.
    func shouldContinue(userIndex: Int) -> Bool {
        !stopping.load(ordering: .relaxed) && userIndex < target.load(ordering: .relaxed)
            && exhaustedSource.load(ordering: .relaxed) < 0
    }

    /// Virtual users currently running.
    var runningUsers: Int { running.load(ordering: .relaxed) }

    func userStarted() { running.add(1, ordering: .relaxed) }
    func userEnded() { running.subtract(1, ordering: .relaxed) }
}
