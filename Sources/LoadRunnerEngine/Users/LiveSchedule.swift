import LoadRunnerModel
import Synchronization

/// The run's timeline while it runs: the planned `StageSchedule`, changed only when a stage that ends by
/// count reaches its count early (later stages then move earlier). Read by the driver, the curl loops and
/// the monitors; a version number lets a curl loop keep its own copy and refresh it only after a change.
final class LiveSchedule: Sendable {
    private let schedule: Mutex<StageSchedule>
    private let changes = Atomic<Int>(0)

    init(_ planned: StageSchedule) {
        schedule = Mutex(planned)
    }

    /// The timeline as it stands.
    var current: StageSchedule { schedule.withLock { $0 } }

    /// Bumped at each change; cheap to read per request.
    var version: Int { changes.load(ordering: .acquiring) }

    /// Ends stage `index` at `micros` (see `StageSchedule.endingStage`).
    func endStage(_ index: Int, atMicros micros: Int64) {
        schedule.withLock { $0 = $0.endingStage(index, atMicros: micros) }
        changes.add(1, ordering: .releasing)
    }
}
