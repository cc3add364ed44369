import Foundation
import LoadRunnerEngine
import Synchronization

/// Ctrl-C, SIGTERM or SIGHUP during `ab`: the first lets the round in progress finish and ends the run after it
/// (`afterRound`); a second stops the round in progress too (`now`, the engine's stop signal).
final class AbSignals {
    /// Set by the first signal: no further round starts.
    let afterRound = StopSignal()
    /// Set by the second signal: the engine's stop signal for the round in progress.
    let now = StopSignal()
    private let sources: [any DispatchSourceSignal]

    init(console: Console) {
        let count = Atomic<Int>(0)
        let afterRound = afterRound
        let now = now
        sources = SignalTrap.stopSignals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                switch count.add(1, ordering: .relaxed).newValue {
                case 1:
                    afterRound.request()
                    console.error("\n" + CLIMessages.abStopping(signal: signalNumber))
                case 2:
                    now.request()
                    console.error(CLIMessages.abStoppingNow)
                default:
                    break
                }
            }
            source.resume()
            return source
        }
    }

    /// True once any stop signal came: no further round starts.
    var stopRequested: Bool { afterRound.isRequested || now.isRequested }

    func cancel() {
        sources.forEach { $0.cancel() }
        SignalTrap.stopSignals.forEach { signal($0, SIG_DFL) }
    }
}
