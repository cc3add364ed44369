import Synchronization

/// A one-shot meeting point: several tasks ``offer(_:)`` a value, the first offer wins, and one waiter gets it
/// from ``value()``.
///
/// It lets a request stop waiting for work that cannot be cancelled (a PostgresNIO query that is already sent
/// runs until the server answers): the waiter is resumed by whoever offers first, the others are ignored.
final class FirstOffer<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case offered(Value)
        case delivered
    }

    private let state = Mutex<State>(.empty)

    /// Offers `value`; returns `false` when an earlier offer already won.
    @discardableResult
    func offer(_ value: Value) -> Bool {
        let (won, waiter): (Bool, CheckedContinuation<Value, Never>?) = state.withLock { state in
            switch state {
            case .empty:
                state = .offered(value)
                return (true, nil)
            case .waiting(let continuation):
                state = .delivered
                return (true, continuation)
            case .offered, .delivered:
                return (false, nil)
            }
        }
        waiter?.resume(returning: value)
        return won
    }

    /// The winning offer, suspending until there is one. Call it once.
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLock { state in
                switch state {
                case .empty:
                    state = .waiting(continuation)
                    return nil
                case .offered(let value):
                    state = .delivered
                    return value
                case .waiting, .delivered:
                    preconditionFailure("FirstOffer.value() called twice")
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Runs work with a time limit and stops waiting at the limit, even for work that ignores cancellation.
enum TimeLimit {
    /// The result of `work`, or `nil` when it did not finish within `limit`.
    ///
    /// At the limit `work` is cancelled and left to finish on its own; its result is then dropped. A task group
    /// could not do this: it always waits for its children.
    static func run<T: Sendable>(
        within limit: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async -> Result<T, any Error>? {
        let first = FirstOffer<Result<T, any Error>?>()
        let worker = Task {
            do {
                first.offer(.success(try await work()))
            } catch {
                first.offer(.failure(error))
            }
        }
        let timer = Task {
            do { try await Task.sleep(for: limit) } catch { return }  // cancelled: the work finished first
            first.offer(nil)
        }
        let result = await first.value()
        timer.cancel()
        if case .none = result { worker.cancel() }
        return result
    }
}
