import Foundation
import LoadRunnerModel

/// What runs beside the load (a profile's actions, checks and command monitors), told of the run's phases.
/// The engine knows nothing of what it does; `NoRunPhases` is the engine alone.
package protocol RunPhases: Sendable {
    /// True when the phases need `LoadRun.requestsSent` (users then count every request they send).
    var needsRequestCounts: Bool { get }
    /// The load is about to start; `run` is the clock, the request count and the way to stop the load early.
    func started(_ run: LoadRun)
    /// One more second of the load is complete.
    func secondCompleted(_ sample: SecondSample)
    /// Stage `number` (1-based) ended: the load's seconds moved past it. The last stage ends with the load.
    func stageEnded(number: Int)
    /// Every user has left; returns once the work started during the load is over (each bounded by its
    /// timeout). What comes after the load (`at: end` actions, checks) is not done here: see the caller.
    func loadEnded() async
}

extension RunPhases {
    package var needsRequestCounts: Bool { false }
    package func secondCompleted(_ sample: SecondSample) {}
    package func stageEnded(number: Int) {}
}

/// The engine alone: nothing runs beside the load.
package struct NoRunPhases: RunPhases {
    package init() {}
    package func started(_ run: LoadRun) {}
    package func loadEnded() async {}
}

/// What a running load offers the work beside it: its clock, the requests sent so far, and a way to end
/// the load early. Thread-safe.
package final class LoadRun: Sendable {
    /// The run's clock: run times in microseconds since the load started.
    package let clock: RunClock
    /// The run's planned length in microseconds (for `at: 40%`).
    package let plannedMicros: Int64
    /// Where notes and problems go.
    package let observer: any RunObserver
    private let control: UserControl
    private let abort: RunAbort

    init(clock: RunClock, plannedMicros: Int64, observer: any RunObserver, control: UserControl, abort: RunAbort) {
        self.clock = clock
        self.plannedMicros = plannedMicros
        self.observer = observer
        self.control = control
        self.abort = abort
    }

    /// Requests sent since the load started; counted only when the phases asked (`needsRequestCounts`).
    package var requestsSent: Int { control.requestsSent }

    /// Ends the load as soon as the driver sees it; the first reason wins.
    package func stopLoad(reason: String) { abort.request(reason) }

    /// Why the load was ended early by `stopLoad`, if it was.
    package var stopReason: String? { abort.reason }
}
