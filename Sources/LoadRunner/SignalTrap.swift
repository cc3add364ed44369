import Foundation
import LoadRunnerCommands
import LoadRunnerEngine
import Synchronization

/// Turns the first Ctrl-C, SIGTERM or SIGHUP into a graceful stop (every running command's process group gets
/// SIGTERM at once, the results are still written) and a second one into a quick exit that kills every
/// command's process group and still leaves a valid `result.json` (`secondSignal`).
final class SignalTrap {
    /// The signals that stop a run: Ctrl-C, `kill`, and a closed terminal.
    static let stopSignals = [SIGINT, SIGTERM, SIGHUP]

    private let sources: [any DispatchSourceSignal]

    /// `secondSignal` runs on the signal queue after the commands were killed; it must end the process.
    init(stop: StopSignal, commands: RunningCommands, console: Console, secondSignal: @escaping @Sendable () -> Never) {
        let count = Atomic<Int>(0)
        sources = Self.stopSignals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if count.add(1, ordering: .relaxed).newValue == 1 {
                    stop.request()
                    let stopped = commands.stopAll()
                    console.error("\n" + CLIMessages.stopping(signal: signalNumber, commands: stopped))
                } else {
                    commands.killAll()
                    console.error(CLIMessages.quitting)
                    secondSignal()
                }
            }
            source.resume()
            return source
        }
    }

    /// Unblocks the stop signals in the calling thread (and the threads it starts later).
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        stopSignals.forEach { sigaddset(&signals, $0) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    func cancel() {
        sources.forEach { $0.cancel() }
        Self.stopSignals.forEach { signal($0, SIG_DFL) }
    }
}
