import LoadRunnerModel

/// A paired sign-flip permutation test over several metrics at once, inverted into one interval per metric.
/// Pure and deterministic: the same differences and seed always give the same answer.
///
/// Under "no change", A and B of a pair are exchangeable (same profile, same seed, order alternated), so each
/// pair's difference B - A is as likely to have either sign. The test statistic of a metric is its studentized
/// sum `U = sum(d) / sqrt(sum(d^2))`; flipping the signs of whole pairs (every metric of a pair at once, which
/// keeps the metrics' correlation) gives its null distribution. The family-wise critical value is the
/// `confidence` quantile of the largest `|U|` over the metrics (Westfall and Young's max-T), so testing many
/// metrics costs no extra rounds: the smallest family-wise level reachable depends on the pairs only.
/// A metric's interval holds every shift `delta` whose differences `d - delta` the critical value would not
/// reject; at `delta = 0` this is exactly the test, so "the interval excludes 0" and "the test rejects" agree.
package struct SignFlipTest: Sendable, Equatable {
    /// The family-wise confidence level, 0.5...0.999.
    package let confidence: Double
    /// Up to this many pairs every sign vector is enumerated (2^12 = 4096); above, `sampledFlips` are drawn.
    package static let maxExactPairs = 12
    /// Sign vectors drawn (with the identity) when the pairs are too many to enumerate.
    package static let sampledFlips = 4096

    package init(confidence: Double = 0.95) {
        self.confidence = Swift.min(Swift.max(confidence, 0.5), 0.999)
    }

    /// The fewest pairs with which a change can be shown at `confidence`: sign vectors come in +/- pairs with the
    /// same largest `|U|`, so at least two of the 2^N vectors must fit in the tail `1 - confidence`
    /// (6 pairs at 95%: 2 of 64 = 3.1%; 5 pairs give 2 of 32 = 6.25%).
    package var minimumPairs: Int {
        var pairs = 1
        while Double(1 << pairs) * (1 - confidence) < 2 - 1e-9 { pairs += 1 }
        return pairs
    }

    /// The critical value of the largest `|U|`, for metrics given as one array of differences each (every array
    /// as long as the number of pairs); nil with fewer than `minimumPairs` pairs or no metric. `seed` picks the
    /// sign vectors when they are sampled.
    package func criticalValue(differences: [[Double]], seed: UInt64) -> Double? {
        guard let pairs = differences.first?.count, pairs >= minimumPairs,
              differences.allSatisfy({ $0.count == pairs }) else { return nil }
        let norms = differences.map { Self.norm($0) }
        var maxima: [Double] = []
        for signs in Self.signVectors(pairs: pairs, seed: seed) {
            var largest = 0.0
            for (metric, values) in differences.enumerated() where norms[metric] > 0 {
                var sum = 0.0
                for (index, value) in values.enumerated() { sum += signs[index] ? -value : value }
                largest = Swift.max(largest, abs(sum) / norms[metric])
            }
            maxima.append(largest)
        }
        maxima.sort(by: >)
        // A metric is rejected when at most floor((1 - confidence) * K) vectors reach its |U|: |U| must exceed
        // the next largest maximum.
        let allowed = Int(((1 - confidence) * Double(maxima.count) + 1e-9).rounded(.down))
        return maxima[Swift.min(allowed, maxima.count - 1)]
    }

    /// The studentized sum of one metric's differences; 0 when every difference is 0.
    package static func statistic(_ differences: [Double]) -> Double {
        let norm = norm(differences)
        return norm > 0 ? differences.reduce(0, +) / norm : 0
    }

    /// The shifts of the mean difference that `critical` does not reject: `mean +/- c s sqrt((N-1)/N) / sqrt(N - c^2)`
    /// (s the sample standard deviation); nil when no finite interval exists (`c^2 >= N`) or there are no values.
    /// Only square roots: the same on every machine.
    package static func interval(_ differences: [Double], critical: Double) -> (low: Double, high: Double)? {
        let count = Double(differences.count)
        guard count > 0, critical * critical < count * (1 - 1e-12) else { return nil }
        let mean = differences.reduce(0, +) / count
        let squares = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        // (N Q - D^2) / N^2 is the population variance; written around the mean to keep precision.
        let half = critical * (squares / count).squareRoot() / (count - critical * critical).squareRoot()
        // At a tie (|U| = c) the test does not reject: rounding must not let the interval exclude 0 then.
        guard abs(statistic(differences)) > critical else { return (Swift.min(mean - half, 0), Swift.max(mean + half, 0)) }
        return (mean - half, mean + half)
    }

    private static func norm(_ values: [Double]) -> Double {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Every sign vector (true = flipped) for few pairs; else the identity and `sampledFlips - 1` seeded draws.
    private static func signVectors(pairs: Int, seed: UInt64) -> [[Bool]] {
        if pairs <= maxExactPairs {
            return (0..<(1 << pairs)).map { bits in (0..<pairs).map { bits >> $0 & 1 == 1 } }
        }
        var random = RandomSource(seed: seed)
        var vectors = [[Bool](repeating: false, count: pairs)]
        for _ in 1..<sampledFlips {
            vectors.append((0..<pairs).map { _ in random.next() >> 63 == 1 })
        }
        return vectors
    }
}
