/// How a data source chooses the row (or, for a `range`, the value) each request uses (`pick:` on the source).
package enum RowPick: Sendable, Equatable {
    /// A seeded random row per request (the default): from the user's stream, or an open arrival's (seed, k).
    case random
    /// Rows in order across the whole run: the n-th request that uses the source gets row n mod rows (an open
    /// arrival k gets row k mod rows).
    case sequential
    /// Each row at most once in the run; what happens once every row was used is `whenExhausted`.
    case unique(whenExhausted: Exhaustion)
    /// One row for each closed virtual user's whole life: user i (0-based, in start order) gets row i mod rows.
    case perUser

    /// What a `unique` source does once every row was used (`when_exhausted:`).
    package enum Exhaustion: String, Sendable, Equatable, CaseIterable {
        /// The stage ends once the responses in flight are in; later stages end at their first request that needs
        /// a row of the source.
        case endStage = "end_stage"
        /// Starts over at the first row.
        case wrap
    }

    /// The words `pick:` accepts, in the order the messages list them.
    package static let names = ["random", "sequential", "unique", "per_user"]

    /// The word the profile writes for this pick.
    package var name: String {
        switch self {
        case .random: "random"
        case .sequential: "sequential"
        case .unique: "unique"
        case .perUser: "per_user"
        }
    }

    /// A `unique` source that ends the stage once its rows are used.
    package var endsStage: Bool { self == .unique(whenExhausted: .endStage) }
}
