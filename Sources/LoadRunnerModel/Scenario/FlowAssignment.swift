/// Which flow each virtual user runs, by the flows' weights: user `i` (in start order) gets the flow a smooth
/// weighted round robin gives at turn `i`, so any first `n` users split as close to the weights as whole users can
/// (weights 3 and 1: users 0, 1, 2, 3 run A, A, B, A).
///
/// Like Locust's user classes and k6's scenarios, a user keeps its flow for life; the split does not depend on the
/// seed, so a run and its rerun give each user the same flow.
package struct FlowAssignment: Sendable, Equatable {
    /// The flow of each user up to the run's peak (or one full cycle, whose length is the weights' sum, when that is
    /// shorter); user `i` runs `cycle[i % cycle.count]`.
    private let cycle: [Int]

    /// `weights` are the flows' weights in profile order, each at least 1 (checked by the profile loader);
    /// `users` is the most users the run starts at once (user indices stay below it).
    package init(weights: [Int], users: Int) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 > 0 }, "weights are validated by the profile loader")
        let total = weights.reduce(0, +)
        let length = max(1, min(total, users))
        var current = Array(repeating: 0, count: weights.count)
        var cycle: [Int] = []
        cycle.reserveCapacity(length)
        for _ in 0..<length {
            for index in weights.indices { current[index] += weights[index] }
            // The first of the largest wins, so ties go to the flow written first.
            var best = 0
            for index in weights.indices where current[index] > current[best] { best = index }
            current[best] -= total
            cycle.append(best)
        }
        self.cycle = cycle
    }

    /// The flow index of the user with `userIndex` (0-based, in start order).
    package func flowIndex(forUser userIndex: Int) -> Int {
        cycle[userIndex % cycle.count]
    }
}
