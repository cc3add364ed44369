/// Picks which request a virtual user sends next, in proportion to the requests' weights.
package struct RequestMix: Sendable, Equatable {
    /// Running sums of the weights; the last is the total.
    private let cumulativeWeights: [Int]

    package init(weights: [Int]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 > 0 }, "weights are validated by the profile loader")
        // The profile keeps each weight and their sum within ProfileLimits, so the running sum cannot overflow.
        var sum = 0
        cumulativeWeights = weights.map { sum += $0; return sum }
    }

    /// The index of the next request.
    package func pick(using random: inout RandomSource) -> Int {
        guard cumulativeWeights.count > 1 else { return 0 }
        let ticket = Int(random.next(upperBound: UInt64(cumulativeWeights[cumulativeWeights.count - 1])))
        var index = 0
        while cumulativeWeights[index] <= ticket { index += 1 }
        return index
    }
}
