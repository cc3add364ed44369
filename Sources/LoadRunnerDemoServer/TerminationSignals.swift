import Dispatch
import Foundation

/// Catches SIGINT and SIGTERM from the moment it is created, so the server can shut down cleanly
/// instead of being killed; `next()` returns when one of them arrives.
struct TerminationSignals {
    private let stream: AsyncStream<Int32>
    // Kept so the sources stay alive while someone waits.
    private let sources: [any DispatchSourceSignal]

    /// Replaces the default action of SIGINT and SIGTERM with a wake-up of `next()`.
    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        self.sources = [SIGINT, SIGTERM].map { number in
            // The default action would end the process before the server closes its connections.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the first SIGINT or SIGTERM and returns its number.
    func next() async -> Int32? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}
