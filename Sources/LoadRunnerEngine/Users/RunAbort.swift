import Synchronization

/// Asks the schedule driver to end the load early for a reason found outside it (a required action
/// failed). The first reason wins. Thread-safe.
final class RunAbort: Sendable {
    private let firstReason = Mutex<String?>(nil)

    func request(_ reason: String) {
        firstReason.withLock { if $0 == nil { $0 = reason } }
    }

    var reason: String? { firstReason.withLock { $0 } }
}
