import Synchronization

/// Open-model requests in flight over every curl loop: one atomic add per send and per end (no lock), so the
/// loop that sends the request that makes a new peak sees it, and the per-stage peak is exact.
final class InFlightGauge: Sendable {
    private let value = Atomic<Int>(0)

    /// Counts one request sent; returns how many are in flight now, that one included.
    func sent() -> Int { value.add(1, ordering: .relaxed).newValue }

    /// Counts one request ended (answered, failed or given up).
    func ended() { value.subtract(1, ordering: .relaxed) }
}
