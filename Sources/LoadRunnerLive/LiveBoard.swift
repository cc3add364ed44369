import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Synchronization

/// The live state shared between the run (which writes it once a second) and the live server (which copies it
/// for each page, `/metrics` or `/api/state` request). The lock is held only to store or copy a value.
package final class LiveBoard: Sendable {
    private let state = Mutex<LiveState?>(nil)

    package init() {}

    /// Starts a fresh state for `profile`; before this the server answers with an empty state.
    package func prepare(_ profile: Profile) {
        let fresh = LiveState(
            profileName: profile.name, stages: profile.stages,
            requestNames: profile.requests.map { (name: $0.name, method: $0.method) })
        state.withLock { $0 = fresh }
    }

    /// Applies `change` to the state, if prepared.
    package func update(_ change: (inout LiveState) -> Void) {
        state.withLock { current in
            guard var value = current else { return }
            current = nil
            change(&value)
            current = value
        }
    }

    /// Marks the run as over, its files in `reportFolder` (nil when they were not written).
    package func finish(reportFolder: String?) {
        update { $0.finish(reportFolder: reportFolder) }
    }

    /// A copy of the state; an empty one before `prepare`.
    package func snapshot() -> LiveState {
        state.withLock { $0 } ?? LiveState(profileName: "", stages: [], requestNames: [])
    }

    /// True once `finish` was called.
    package var isFinished: Bool { state.withLock { $0?.finished ?? false } }
}
