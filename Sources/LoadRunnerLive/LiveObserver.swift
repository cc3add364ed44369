import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerText

/// Passes what the run reports on to the console's observer and folds it into the live board (and, with
/// `--out-prometheus`, hands each second's state to the pusher).
package final class LiveObserver: RunObserver {
    private let inner: any RunObserver
    private let board: LiveBoard
    private let pusher: RemoteWritePusher?

    /// `pusher` (`--out-prometheus`) is handed the state after each second.
    package init(forwardingTo inner: any RunObserver, board: LiveBoard, pusher: RemoteWritePusher? = nil) {
        self.inner = inner
        self.board = board
        self.pusher = pusher
    }

    package func runStarted(at date: Date) {
        board.update { $0.start(at: date) }
        inner.runStarted(at: date)
    }

    package func secondCompleted(_ sample: SecondSample) {
        secondCompleted(sample, failures: [])
    }

    package func secondCompleted(_ sample: SecondSample, failures: [RequestFailureCounts]) {
        inner.secondCompleted(sample, failures: failures)
        board.update { $0.record(sample, failures: failures) }
        pusher?.push(board.snapshot())
    }

    package func monitorRead(_ reading: MonitorReading) {
        inner.monitorRead(reading)
        board.update { $0.monitorRead(reading) }
    }

    package func report(_ diagnostic: Diagnostic) {
        board.update { $0.note(diagnostic) }
        inner.report(diagnostic)
    }
}
