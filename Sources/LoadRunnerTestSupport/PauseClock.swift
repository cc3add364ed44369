import Synchronization

/// The time origin of the test server's `/pause/` routes: its first `/pause/` request. Shared by every
/// connection of one server (a class: one origin, read under a lock once per `/pause/` request).
final class PauseClock: Sendable {
    private let origin = Mutex<ContinuousClock.Instant?>(nil)

    /// Milliseconds since the first call (0 for the first call itself).
    func elapsedMilliseconds() -> Int {
        let now = ContinuousClock.now
        let start = origin.withLock { origin in
            if origin == nil { origin = now }
            return origin!
        }
        let elapsed = now - start
        return Int(elapsed.components.seconds) * 1_000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
