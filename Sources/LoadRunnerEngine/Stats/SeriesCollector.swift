import LoadRunnerModel
import Synchronization

/// Gathers each loop's per-second statistics and, once every loop has reported a second, hands the
/// merged second on in order. Called about once a second per loop: coordination, not a per-request cost.
final class SeriesCollector: Sendable {
    private struct State {
        var pending: [Int: (reports: Int, requests: [RequestStats])] = [:]
        var nextSecond = 0
    }

    private let loopCount: Int
    private let state = Mutex(State())
    private let output: AsyncStream<LoopSecond>.Continuation
    /// The merged seconds, in order.
    let seconds: AsyncStream<LoopSecond>

    init(loopCount: Int) {
        self.loopCount = loopCount
        (seconds, output) = AsyncStream.makeStream(of: LoopSecond.self, bufferingPolicy: .unbounded)
    }

    /// Adds one loop's second (folded in, not kept); yields every second that is now complete.
    func deliver(loop: Int, _ second: LoopSecond) {
        let complete: [LoopSecond] = state.withLock { state in
            var entry = state.pending[second.second] ?? (0, second.requests.map { RequestStats(name: $0.name, method: $0.method) })
            entry.reports += 1
            for index in entry.requests.indices { entry.requests[index].add(second.requests[index]) }
            state.pending[second.second] = entry
            var ready: [LoopSecond] = []
            while let next = state.pending[state.nextSecond], next.reports >= loopCount {
                ready.append(LoopSecond(second: state.nextSecond, requests: next.requests))
                state.pending[state.nextSecond] = nil
                state.nextSecond += 1
            }
            return ready
        }
        for second in complete { output.yield(second) }
    }

    /// Ends the stream; call after every loop has stopped.
    func finish() { output.finish() }
}
