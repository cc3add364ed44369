import LoadRunnerModel

/// A seeded percentile bootstrap of the difference of two means, for the monitors' report-only rows (whose point is
/// the window's mean of per-second values; request measures use `BlockBootstrap`): the same inputs and seed always
/// give the same interval, on every machine (no transcendental functions, our own index draw, a fixed order of draws).
///
/// Why means of per-second values rather than medians: with the 10 to 300 seconds a stage window holds, the
/// bootstrap distribution of a mean is smooth, while a median's can only take a few sample values and gives
/// lumpy, unstable ends; and a spiky second widens the interval instead of being ignored, which keeps the
/// verdict conservative, the side a regression gate should err on.
package struct Bootstrap: Sendable, Equatable {
    /// The confidence level of the interval (0.95 for 95%), clamped to 0.5...0.999999. When the tails it leaves
    /// hold less than one resample each, the interval is the smallest and largest resampled difference.
    package let confidence: Double
    /// How many resamples to draw (at least 1).
    package let resamples: Int

    package init(confidence: Double = 0.95, resamples: Int = 2000) {
        self.confidence = Swift.min(Swift.max(confidence, 0.5), 0.999_999)
        self.resamples = Swift.max(1, resamples)
    }

    /// The interval of `mean(candidate) - mean(baseline)`, resampling each side independently with replacement;
    /// nil when either side is empty.
    package func differenceOfMeans(baseline: [Double], candidate: [Double], seed: UInt64) -> ConfidenceInterval? {
        guard !baseline.isEmpty, !candidate.isEmpty else { return nil }
        var random = RandomSource(seed: seed)
        var differences: [Double] = []
        var ratios: [Double]? = []
        differences.reserveCapacity(resamples)
        ratios?.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let baselineMean = Self.resampledMean(baseline, using: &random)
            let candidateMean = Self.resampledMean(candidate, using: &random)
            differences.append(candidateMean - baselineMean)
            if baselineMean > 0 { ratios?.append(candidateMean / baselineMean - 1) } else { ratios = nil }
        }
        let (low, high) = Self.ends(of: differences, confidence: confidence)
        var relative: (Double, Double)?
        if let ratios { relative = Self.ends(of: ratios, confidence: confidence) }
        return ConfidenceInterval(
            confidence: confidence, low: low, high: high, relativeLow: relative?.0, relativeHigh: relative?.1)
    }

    /// The `(1 - confidence) / 2` and `(1 + confidence) / 2` order statistics of non-empty `values`, symmetric by
    /// index (the values a sort would put there); shared with `BlockBootstrap`.
    static func ends(of values: [Double], confidence: Double) -> (Double, Double) {
        // A hair added, so that a tail sized to hold exactly k resamples is not floored to k - 1 by rounding.
        let tail = Int(((1 - confidence) / 2 * Double(values.count) + 1e-9).rounded(.down))
        let lowIndex = Swift.min(tail, values.count - 1)
        let highIndex = Swift.max(lowIndex, values.count - 1 - tail)
        let negated = values.map { -$0 }
        return (smallest(values, rank: lowIndex), -smallest(negated, rank: values.count - 1 - highIndex))
    }

    /// The value of 0-based `rank` in `values` sorted ascending: the `rank + 1` smallest values kept in order,
    /// O(count × rank) with rank small (a tail), and no generic sort, which is slow in a debug build.
    private static func smallest(_ values: [Double], rank: Int) -> Double {
        var kept: [Double] = []
        kept.reserveCapacity(rank + 2)
        var index = 0
        while index < values.count {
            let value = values[index]
            index += 1
            guard kept.count <= rank || value < kept[kept.count - 1] else { continue }
            var position = kept.count
            while position > 0, value < kept[position - 1] { position -= 1 }
            kept.insert(value, at: position)
            if kept.count > rank + 1 { kept.removeLast() }
        }
        return kept[rank]
    }

    /// The mean of `values.count` draws with replacement.
    private static func resampledMean(_ values: [Double], using random: inout RandomSource) -> Double {
        let count = UInt64(values.count)
        var sum = 0.0
        for _ in 0..<values.count {
            // The high word of a 64x64-bit product: an index in 0..<count without a division.
            sum += values[Int(count.multipliedFullWidth(by: random.next()).high)]
        }
        return sum / Double(values.count)
    }

    /// A seed for one metric, from the comparison's seed and the metric's identity, so that adding a request
    /// name or a stage never changes the intervals of the others. FNV-1a over the key's UTF-8 bytes
    /// (Swift's `Hasher` is randomized per process).
    package static func seed(_ seed: UInt64, key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var random = RandomSource(seed: seed ^ hash)
        return random.next()
    }
}
