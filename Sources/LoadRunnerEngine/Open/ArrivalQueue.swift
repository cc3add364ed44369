/// An open-model arrival that is due and not yet sent: which arrival of the run it is and when it was due.
struct QueuedArrival: Sendable, Equatable {
    /// k, over every open stage of the run (`Arrival.index`).
    var index: Int
    /// When it was due, in run microseconds on the live timeline.
    var intendedMicros: Int64
}

/// The arrivals of one curl loop waiting for a connection, oldest first: a ring buffer that grows when it must
/// and never shrinks, so a loop that keeps up (or keeps falling behind by the same amount) allocates nothing.
struct ArrivalQueue: Sendable {
    private var storage: [QueuedArrival] = Array(repeating: QueuedArrival(index: 0, intendedMicros: 0), count: 64)
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The oldest waiting arrival, if any.
    var first: QueuedArrival? { count == 0 ? nil : storage[head] }

    mutating func append(_ arrival: QueuedArrival) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = arrival
        count += 1
    }

    mutating func removeFirst() -> QueuedArrival? {
        guard count > 0 else { return nil }
        let arrival = storage[head]
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return arrival
    }

    /// Doubles the storage (a power of two, so positions wrap with a mask), the waiting arrivals first, in order.
    private mutating func grow() {
        let mask = storage.count - 1
        var larger = (0..<count).map { storage[(head + $0) & mask] }
        larger.append(contentsOf: repeatElement(QueuedArrival(index: 0, intendedMicros: 0), count: storage.count * 2 - count))
        storage = larger
        head = 0
    }
}
