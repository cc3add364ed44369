import LoadRunnerModel

/// A seeded moving-block bootstrap of a window statistic: each resample of a window concatenates blocks of
/// consecutive whole seconds, drawn independently for the baseline and the candidate, merges their latency
/// histograms (or sums their counts) and recomputes the metric by the same formula as its point value: the merged
/// histogram's percentile, requests per second, failures over requests. The interval is that of
/// `candidate - baseline` and of `candidate / baseline - 1`, from the same resamples.
///
/// Cost: per resample and run, one bisection over the row's distinct buckets for each percentile, each probe summing
/// `ceil(seconds / block)` blocks' running counts (`WindowSeries`), so no histogram is merged bucket by bucket.
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

    /// The intervals of `measures` between two windows of one request row, in order; each nil when either window
    /// is shorter than `minimumSeconds`, when a latency window kept no histograms (schema 1), or when no resample had
    /// a value on both sides. Every measure of the row is evaluated on the same resamples (one draw per resample and
    /// run); a resample in which a side has no request is left out of that measure's latencies and error rate.
    func intervals(
        _ measures: [MetricMeasure], baseline: WindowSeries, candidate: WindowSeries, seed: UInt64
    ) -> [ConfidenceInterval?] {
        guard let baseBlock = Self.blockSeconds(windowSeconds: baseline.seconds),
              let candBlock = Self.blockSeconds(windowSeconds: candidate.seconds)
        else { return measures.map { _ in nil } }
        var random = RandomSource(seed: seed)
        let (baseDraws, candDraws) = ResampleDraws.draw(
            resamples, baseline: (baseline.seconds, baseBlock), candidate: (candidate.seconds, candBlock),
            using: &random)
        var differences: [[Double]] = [], ratios: [[Double]?] = []
        for measure in measures {
            guard let baseStatistic = WindowStatistic(measure, baseline),
                  let candStatistic = WindowStatistic(measure, candidate)
            else {
                differences.append([])
                ratios.append(nil)
                continue
            }
            let (measureDifferences, measureRatios) = Self.changes(
                baseline: baseStatistic.values(baseDraws), candidate: candStatistic.values(candDraws))
            differences.append(measureDifferences)
            ratios.append(measureRatios)
        }
        return zip(differences, ratios).map { differences, ratios in
            guard !differences.isEmpty else { return nil }
            let (low, high) = Bootstrap.ends(of: differences, confidence: confidence)
            var relative: (Double, Double)?
            if let ratios, !ratios.isEmpty { relative = Bootstrap.ends(of: ratios, confidence: confidence) }
            return ConfidenceInterval(
                confidence: confidence, low: low, high: high, relativeLow: relative?.0, relativeHigh: relative?.1)
        }
    }

    /// `candidate - baseline` and `candidate / baseline - 1` per resample, leaving out resamples undefined on either
    /// side; the ratios are nil when a resampled baseline is 0 (no relative change means anything then).
    private static func changes(baseline: [Double], candidate: [Double]) -> ([Double], [Double]?) {
        var differences: [Double] = [], ratios: [Double]? = []
        differences.reserveCapacity(baseline.count)
        ratios?.reserveCapacity(baseline.count)
        var index = 0
        while index < baseline.count {
            let base = baseline[index], cand = candidate[index]
            index += 1
            guard !base.isNaN, !cand.isNaN else { continue }
            differences.append(cand - base)
            if base > 0 { ratios?.append(cand / base - 1) } else { ratios = nil }
        }
        return (differences, ratios)
    }
}
