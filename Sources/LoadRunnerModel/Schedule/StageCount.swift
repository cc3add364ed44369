/// What a stage that ends by count sent: its limit and how many it sent.
package struct StageCount: Sendable, Equatable {
    package var limit: Int
    package var sent: Int

    package init(limit: Int, sent: Int) {
        self.limit = limit
        self.sent = sent
    }

    /// It sent its whole count (the time limit or the run's end did not come first).
    package var reached: Bool { sent >= limit }
}
