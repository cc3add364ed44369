import LoadRunnerModel

/// A metric's window formula over a `WindowSeries`, evaluated on a resample of blocks of whole seconds: a latency
/// percentile (`max` is the 100th) of the merged histograms, exactly as `LatencyHistogram.micros(atPercentile:)`
/// computes it, or a ratio of sums (`rps`, `error_rate`). Over all seconds of the window in order it gives the
/// point value of those seconds.
struct WindowStatistic {
    private enum Formula {
        case percentile(Double)
        case ratio(numerator: [Double], denominator: [Double])
    }

    private let formula: Formula
    private let series: WindowSeries

    /// Nil for a measure without a window formula here, or a latency of a window without histograms.
    init?(_ measure: MetricMeasure, _ series: WindowSeries) {
        self.series = series
        switch measure {
        case .percentile(let percentile) where series.hasHistograms: formula = .percentile(percentile)
        case .max where series.hasHistograms: formula = .percentile(100)
        default:
            guard let sums = series.sums(measure) else { return nil }
            formula = .ratio(numerator: sums.numerator, denominator: sums.denominator)
        }
    }

    /// The value over blocks starting at `starts`, each `block` seconds long but the last, which ends the
    /// resample at `seconds` seconds; nil when it is undefined (no request, or a zero denominator).
    func value(starts: [Int], block: Int, seconds: Int) -> Double? {
        let lastLength = seconds - block * (starts.count - 1)
        switch formula {
        case .ratio(let numerator, let denominator):
            var top = 0.0, bottom = 0.0
            for (position, start) in starts.enumerated() {
                let end = start + (position == starts.count - 1 ? lastLength : block)
                top += numerator[end] - numerator[start]
                bottom += denominator[end] - denominator[start]
            }
            return bottom > 0 ? top / bottom : nil
        case .percentile(let percentile):
            return percentileValue(percentile, starts: starts, block: block, lastLength: lastLength)
        }
    }

    /// HdrHistogram's rank, `max(1, ceil(p × count / 100))` (the count itself at 100), found by bisection over
    /// the bucket index: each probe sums the blocks' running counts at that bucket, so no histogram is built.
    private func percentileValue(_ percentile: Double, starts: [Int], block: Int, lastLength: Int) -> Double? {
        let width = series.values.count
        guard width > 0 else { return nil }
        return series.cumulative.withUnsafeBufferPointer { cumulative -> Double? in
            // Row offsets of each block's first second and of the second after its last.
            var lows: [Int] = [], highs: [Int] = []
            lows.reserveCapacity(starts.count)
            highs.reserveCapacity(starts.count)
            for (position, start) in starts.enumerated() {
                lows.append(start * width)
                highs.append((start + (position == starts.count - 1 ? lastLength : block)) * width)
            }
            func count(upTo bucket: Int) -> UInt64 {
                var total: UInt64 = 0
                for index in 0..<lows.count { total += cumulative[highs[index] + bucket] - cumulative[lows[index] + bucket] }
                return total
            }
            let total = count(upTo: width - 1)
            guard total > 0 else { return nil }
            let rank = percentile >= 100
                ? total : Swift.max(1, UInt64((percentile.nextDown * Double(total) / 100).rounded(.up)))
            var low = 0, high = width - 1
            while low < high {
                let middle = (low + high) / 2
                if count(upTo: middle) >= rank { high = middle } else { low = middle + 1 }
            }
            return Double(series.values[low])
        }
    }
}
