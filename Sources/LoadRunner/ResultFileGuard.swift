import Foundation
import Synchronization

/// Decides who writes `result.json` when a second signal may come at any moment: the run's full writer, or the
/// signal's minimal file (`RunResult.measurementsLost`), never both at once and never the minimal file over a
/// complete one. Every file is written to a temporary name and renamed, so `result.json` is always whole.
final class ResultFileGuard: Sendable {
    private enum State {
        case measuring
        case writing
        case written
    }

    private let state = Mutex(State.measuring)
    /// How long a second signal waits for a full write under way before exiting anyway, in microseconds.
    static let fullWriteWaitMicros: UInt32 = 10_000_000

    /// Runs `write` (every result file) unless a second signal has already taken over; the process is then
    /// exiting and this never returns.
    func writeFull<T>(_ write: () -> T) -> T {
        state.withLock { $0 = .writing }
        defer { state.withLock { $0 = .written } }
        return write()
    }

    /// On a second signal: writes the minimal file when the full results were not begun, waits (bounded) for a
    /// full write under way, then exits with `status` while holding the guard, so nothing else starts writing.
    func exitAfterMinimalWrite(status: Int32, writeMinimal: () -> Void) -> Never {
        var waitedMicros: UInt32 = 0
        while true {
            let done: Bool = state.withLock { state in
                switch state {
                case .measuring:
                    writeMinimal()
                    exit(status)
                case .written:
                    exit(status)
                case .writing:
                    return waitedMicros >= Self.fullWriteWaitMicros
                }
            }
            if done { exit(status) }
            usleep(20_000)
            waitedMicros += 20_000
        }
    }
}
