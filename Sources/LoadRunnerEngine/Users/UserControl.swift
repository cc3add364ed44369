import Synchronization

/// What the schedule driver tells running virtual users: how many should be running, and whether
/// the run is stopping. Users read it between requests; it is written a few times per second.
final class UserControl: Sendable {
    private let target = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Int>(0)
    /// Which user indices have a live user; a slot is reused only once its user has left.
    private let occupied: Mutex<[Bool]>

    init(slots: Int) {
        occupied = Mutex(Array(repeating: false, count: slots))
    }

    /// Claims every free slot below `count` and returns their indices (users to start).
    func claimFreeSlots(below count: Int) -> [Int] {
        occupied.withLock { slots in
            var claimed: [Int] = []
            for index in 0..<min(count, slots.count) where !slots[index] {
                slots[index] = true
                claimed.append(index)
            }
            return claimed
        }
    }

    /// Marks a slot free once its user has left.
    func release(slot index: Int) {
        occupied.withLock { $0[index] = false }
    }

    /// Users with an index at or above the target finish their current request and leave.
    func setTarget(_ users: Int) { target.store(users, ordering: .relaxed) }

    func stop() { stopping.store(true, ordering: .relaxed) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// Whether the user with `index` (0-based, in start order) should send another request.
    func shouldContinue(userIndex: Int) -> Bool {
        !stopping.load(ordering: .relaxed) && userIndex < target.load(ordering: .relaxed)
    }

    /// Virtual users currently running.
    var runningUsers: Int { running.load(ordering: .relaxed) }

    func userStarted() { running.add(1, ordering: .relaxed) }
    func userEnded() { running.subtract(1, ordering: .relaxed) }
}
