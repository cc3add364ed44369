/// How an `await:` step's read tells that the write is visible: every assertion of `until` holds on a poll's
/// response. `by` optionally names where the response says which node answered (`header:X-Served-By`).
///
/// A poll that does not satisfy `until` is a stale read, not a failure, whatever its status (a 404 for a row not
/// replicated yet is what a stale read looks like); a poll that satisfies it is judged as any request.
package struct ProbeSpec: Sendable, Equatable {
    /// The assertions that all hold once the write is visible.
    package var until: [AssertionSpec]
    /// Where the answering node's name is in a poll's response; nil when the service does not say.
    package var by: ResponseValueSource?
    /// `by` as the profile wrote it (`header:X-Served-By`), for reports.
    package var byText: String?

    package init(until: [AssertionSpec], by: ResponseValueSource? = nil, byText: String? = nil) {
        self.until = until
        self.by = by
        self.byText = byText
    }

    /// Whether judging a poll needs the body kept.
    package var readsBody: Bool { until.contains(where: \.readsBody) || (by?.readsBody ?? false) }
    /// Whether judging a poll needs the headers kept.
    package var readsHeaders: Bool { until.contains(where: \.readsHeaders) || by.map { !$0.readsBody } ?? false }
}

/// An `await:` step of a flow: polls the request at `request` (of `Profile.requests`, whose `probe` says when the
/// write is visible) every `every`, until it sees the write or `within` has passed since the previous step's response.
package struct AwaitStep: Sendable, Equatable {
    /// The read sent as each poll: an index of `Profile.requests`.
    package var request: Int
    /// The least time from one poll's start to the next's; a poll never starts before the previous one answered.
    package var every: Duration
    /// How long after the previous step's response the write may take to become visible; the first poll that ends
    /// later without seeing it fails with `not_visible`.
    package var within: Duration

    /// `every` when the step does not say: 5ms.
    package static let defaultEvery = Duration.milliseconds(5)
    /// `within` when the step does not say: 5s.
    package static let defaultWithin = Duration.seconds(5)

    package init(request: Int, every: Duration, within: Duration) {
        self.request = request
        self.every = every
        self.within = within
    }
}
