/// One `flows:` entry: a named, weighted journey that a virtual user runs from its start to its end.
///
/// A user keeps the flow it was given for life (`FlowAssignment`): it runs `onStart` once, then `steps` in order
/// again and again, then `onStop` once when it stops (not on Ctrl-C). Request steps name an entry of the
/// profile's `requests` (the statistics rows, one per request name), so the same name in two flows is one row.
package struct FlowSpec: Sendable, Equatable {
    /// The flow's name: its row in the report's Flows table and in `result.json`.
    package var name: String
    /// Relative share of the virtual users that run this flow; at least 1.
    package var weight: Int
    /// Steps run once per virtual user before its first iteration (a login); empty when none.
    package var onStart: [FlowStep]
    /// The iteration: run in order, then again; never empty.
    package var steps: [FlowStep]
    /// Steps run once when the user stops (a stage hands over to fewer users, or the load ends); empty when none.
    package var onStop: [FlowStep]
    /// Whether each user of the flow keeps a cookie jar of its own (`cookies:`, on unless turned off).
    package var cookies: Bool

    package init(
        name: String, weight: Int = 1, onStart: [FlowStep] = [], steps: [FlowStep], onStop: [FlowStep] = [],
        cookies: Bool = true
    ) {
        self.name = name
        self.weight = weight
        self.onStart = onStart
        self.steps = steps
        self.onStop = onStop
        self.cookies = cookies
    }
}

/// One step of a flow: send a request, or wait.
package enum FlowStep: Sendable, Equatable {
    /// Send the profile request at this index of `Profile.requests`.
    case request(Int)
    /// Wait this long (`think: 1s`, or a uniformly random time in `think: 1s to 3s`).
    case think(ThinkTime)
    /// Poll a read until the previous step's write is visible (`await:`); see `AwaitStep`.
    case await(AwaitStep)

    /// The request the step sends (an await's poll); nil for a think step.
    package var requestIndex: Int? {
        switch self {
        case .request(let index): index
        case .await(let step): step.request
        case .think: nil
        }
    }
}
