import LoadRunnerModel

/// A seeded moving-block bootstrap of a window statistic: each resample of a window concatenates blocks of
/// consecutive whole seconds, drawn independently for the baseline and the candidate, merges their latency
/// histograms (or sums their counts) and recomputes the metric by the same formula as its point value: the merged
/// histogram's percentile, requests per second, failures over requests. The interval is that of
/// `candidate - baseline` and of `candidate / baseline - 1`, from the same resamples.
///
/// Deterministic like `Bootstrap`: integer index draws, a fixed order of draws, no transcendental functions.
package struct BlockBootstrap: Sendable, Equatable {
    /// Below this many blocks in either window a metric is too short to judge.
    package static let minimumBlocks = 10
    /// How many resamples each Bonferroni tail holds at least.
    package static let defaultPerTail = 10
    /// The shortest block, in seconds.
    package static let minimumBlockSeconds = 2
    /// The fewest whole seconds a window needs: `minimumBlocks` blocks of `minimumBlockSeconds`.
    package static let minimumSeconds = minimumBlocks * minimumBlockSeconds

    /// The confidence level of each interval, clamped to 0.5...0.999999.
    package let confidence: Double
    /// How many resamples to draw (at least 1).
    package let resamples: Int

    package init(confidence: Double, resamples: Int) {
        self.confidence = Swift.min(Swift.max(confidence, 0.5), 0.999_999)
        self.resamples = Swift.max(1, resamples)
    }

    /// The block length for a window of `seconds` whole seconds: the integer cube root of `seconds` (seconds
    /// next to each other are alike, and n^(1/3) is the classic rate for a block bootstrap's variance), at least
    /// `minimumBlockSeconds`, and at most `seconds / minimumBlocks` so that every window of `minimumSeconds` or
    /// more holds `minimumBlocks` blocks; nil below `minimumSeconds`.
    package static func blockSeconds(windowSeconds seconds: Int) -> Int? {
        guard seconds >= minimumSeconds else { return nil }
        var root = 1
        while (root + 1) * (root + 1) * (root + 1) <= seconds { root += 1 }
        return Swift.min(Swift.max(root, minimumBlockSeconds), seconds / minimumBlocks)
    }

    /// The resamples for `metrics` intervals that share the family-wise `confidence`: enough that each Bonferroni
    /// tail, `(1 - confidence) / (2 × metrics)` of them, holds at least `perTail` (10 by default: 24,000 for 60
    /// metrics at 95%), and never fewer than `minimum`.
    package static func resamples(metrics: Int, confidence: Double, minimum: Int, perTail: Int = defaultPerTail) -> Int {
        let tails = Double(perTail) * 2 * Double(Swift.max(metrics, 1)) / (1 - confidence)
        // Less a hair, so that 0.05 in binary floating point still gives exactly 400 per metric.
        return Swift.max(minimum, Int((tails - 1e-6).rounded(.up)))
    }

    /// The interval of `measure` between two windows; nil when either window is shorter than `minimumSeconds`,
    /// when a latency window kept no histograms (schema 1), or when no resample had a value on both sides.
    /// Resamples in which a side has no request for a latency or the error rate are left out.
    func interval(
        _ measure: MetricMeasure, baseline: WindowSeries, candidate: WindowSeries, seed: UInt64
    ) -> ConfidenceInterval? {
        guard let baseStatistic = WindowStatistic(measure, baseline),
              let candStatistic = WindowStatistic(measure, candidate),
              let baseBlock = Self.blockSeconds(windowSeconds: baseline.seconds),
              let candBlock = Self.blockSeconds(windowSeconds: candidate.seconds)
        else { return nil }
        var random = RandomSource(seed: seed)
        var differences: [Double] = [], ratios: [Double]? = []
        differences.reserveCapacity(resamples)
        ratios?.reserveCapacity(resamples)
        var baseStarts = [Int](), candStarts = [Int]()
        for _ in 0..<resamples {
            Self.draw(&baseStarts, seconds: baseline.seconds, block: baseBlock, using: &random)
            Self.draw(&candStarts, seconds: candidate.seconds, block: candBlock, using: &random)
            guard let base = baseStatistic.value(starts: baseStarts, block: baseBlock, seconds: baseline.seconds),
                  let cand = candStatistic.value(starts: candStarts, block: candBlock, seconds: candidate.seconds)
            else { continue }
            differences.append(cand - base)
            if base > 0 { ratios?.append(cand / base - 1) } else { ratios = nil }
        }
        guard !differences.isEmpty else { return nil }
        let (low, high) = Bootstrap.ends(of: &differences, confidence: confidence)
        var relative: (Double, Double)?
        if var ratios, !ratios.isEmpty { relative = Bootstrap.ends(of: &ratios, confidence: confidence) }
        return ConfidenceInterval(
            confidence: confidence, low: low, high: high, relativeLow: relative?.0, relativeHigh: relative?.1)
    }

    /// The starts of `ceil(seconds / block)` blocks, each uniform over the `seconds - block + 1` possible starts;
    /// the last block is cut so that the resample has exactly `seconds` seconds.
    private static func draw(_ starts: inout [Int], seconds: Int, block: Int, using random: inout RandomSource) {
        starts.removeAll(keepingCapacity: true)
        let choices = UInt64(seconds - block + 1)
        for _ in 0..<((seconds + block - 1) / block) {
            // The high word of a 64x64-bit product: an index in 0..<choices without a division.
            starts.append(Int(choices.multipliedFullWidth(by: random.next()).high))
        }
    }
}
