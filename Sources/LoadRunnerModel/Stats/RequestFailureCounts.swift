/// One request name's failures in one second, by category (the categories of result.json's `failures`): what the
/// per-second sample (`IntervalStats`) does not keep, handed to observers beside it (`RunObserver`).
package struct RequestFailureCounts: Sendable, Equatable {
    package var name: String
    package var method: String
    /// Failures per category; a category with none is absent. The counts add up to the second's `failures`.
    package var byCategory: [FailureCategory: UInt64]

    package init(name: String, method: String, byCategory: [FailureCategory: UInt64]) {
        self.name = name
        self.method = method
        self.byCategory = byCategory
    }
}
