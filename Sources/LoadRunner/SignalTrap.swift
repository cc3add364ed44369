import Foundation
import LoadRunnerEngine
import Synchronization

/// Turns the first Ctrl-C or SIGTERM into a graceful stop (results are still written) and a second one
/// into an immediate exit with the interrupted status.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopSignal, console: Console) {
        let count = Atomic<Int>(0)
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if count.add(1, ordering: .relaxed).newValue == 1 {
                    console.error("\n" + CLIMessages.stopping)
                    stop.request()
                } else {
                    exit(ExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            return source
        }
    }

    /// Unblocks SIGINT and SIGTERM in the calling thread (and the threads it starts later).
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    func cancel() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
