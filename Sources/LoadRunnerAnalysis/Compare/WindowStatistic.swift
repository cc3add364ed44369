import LoadRunnerModel

/// A metric's window formula over a `WindowSeries`, evaluated on a resample of blocks of whole seconds: a latency
/// percentile of the merged histograms, exactly as `LatencyHistogram.micros(atPercentile:)` computes it, the top
/// bucket for `max`, or a ratio of sums (`rps`, `error_rate`). Over every second of the window once it gives the
/// point value of those seconds.
struct WindowStatistic {
    private enum Formula {
        case percentile(Double)
        case max
        case ratio(numerator: [Double], denominator: [Double])
    }

    private let formula: Formula
    let series: WindowSeries

    /// Nil for a measure without a window formula here, or a latency of a window without histograms.
    init?(_ measure: MetricMeasure, _ series: WindowSeries) {
        self.series = series
        switch measure {
        case .percentile(let percentile) where series.hasHistograms: formula = .percentile(percentile)
        case .max where series.hasHistograms: formula = .max
        default:
            guard let sums = series.sums(measure) else { return nil }
            formula = .ratio(numerator: sums.numerator, denominator: sums.denominator)
        }
    }

    /// The value over `blocks`; nil when it is undefined (no request, or a zero denominator).
    func value(over blocks: ResampleBlocks) -> Double? {
        let width = series.values.count
        return series.cumulative.withUnsafeBufferPointer { cumulative in
            blocks.firsts.withUnsafeBufferPointer { firsts in
                blocks.ends.withUnsafeBufferPointer { ends in
                    let lows = firsts.map { $0 * width }, highs = ends.map { $0 * width }
                    return lows.withUnsafeBufferPointer { lows in
                        highs.withUnsafeBufferPointer { highs in
                            value(cumulative: cumulative, firsts: firsts, ends: ends, lows: lows, highs: highs)
                        }
                    }
                }
            }
        }
    }

    /// `value(over:)` on buffers the caller holds open across a row's measures (the bootstrap's inner loop):
    /// `lows` and `highs` are `firsts` and `ends` times the series' bucket count, the blocks' rows in `cumulative`.
    func value(
        cumulative: UnsafeBufferPointer<UInt64>, firsts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>,
        lows: UnsafeBufferPointer<Int>, highs: UnsafeBufferPointer<Int>
    ) -> Double? {
        switch formula {
        case .ratio(let numerator, let denominator):
            var top = 0.0, bottom = 0.0, block = 0
            while block < firsts.count {
                top += numerator[ends[block]] - numerator[firsts[block]]
                bottom += denominator[ends[block]] - denominator[firsts[block]]
                block += 1
            }
            return bottom > 0 ? top / bottom : nil
        case .max:
            var top = -1, block = 0
            while block < firsts.count {
                for second in firsts[block]..<ends[block] where series.topBucket[second] > top { top = series.topBucket[second] }
                block += 1
            }
            return top < 0 ? nil : Double(series.values[top])
        case .percentile(let percentile):
            return percentileValue(percentile, cumulative: cumulative, lows: lows, highs: highs)
        }
    }

    /// HdrHistogram's rank, `max(1, ceil(p × count / 100))` (the count itself at 100), found by bisection over
    /// the bucket index: each probe sums the blocks' running counts at that bucket, so no histogram is built.
    private func percentileValue(
        _ percentile: Double, cumulative: UnsafeBufferPointer<UInt64>, lows: UnsafeBufferPointer<Int>,
        highs: UnsafeBufferPointer<Int>
    ) -> Double? {
        let width = series.values.count
        guard width > 0, let base = cumulative.baseAddress, let low = lows.baseAddress, let high = highs.baseAddress
        else { return nil }
        let blocks = lows.count
        let total = Self.count(upTo: width - 1, base, lows: low, highs: high, blocks: blocks)
        guard total > 0 else { return nil }
        let rank = percentile >= 100
            ? total : Swift.max(1, UInt64((percentile.nextDown * Double(total) / 100).rounded(.up)))
        var bottom = 0, top = width - 1
        while bottom < top {
            let middle = (bottom + top) / 2
            if Self.count(upTo: middle, base, lows: low, highs: high, blocks: blocks) >= rank {
                top = middle
            } else {
                bottom = middle + 1
            }
        }
        return Double(series.values[bottom])
    }

    /// The requests of the blocks in buckets `0...bucket`. Raw pointers: this loop is the bootstrap's whole cost.
    private static func count(
        upTo bucket: Int, _ cumulative: UnsafePointer<UInt64>, lows: UnsafePointer<Int>, highs: UnsafePointer<Int>,
        blocks: Int
    ) -> UInt64 {
        var total: UInt64 = 0, block = 0
        let column = cumulative + bucket
        while block < blocks {
            total &+= (column + highs[block]).pointee &- (column + lows[block]).pointee
            block &+= 1
        }
        return total
    }
}

/// A resample of one window: blocks of consecutive whole seconds, block `i` being seconds `firsts[i]..<ends[i]`;
/// `lows` and `highs` are the same times the series' bucket count (rows of `WindowSeries.cumulative`).
struct ResampleBlocks {
    var firsts: [Int] = []
    var ends: [Int] = []
    var lows: [Int] = []
    var highs: [Int] = []

    /// Every second of a `seconds`-second window once, in order: the point value's seconds.
    static func whole(seconds: Int) -> ResampleBlocks {
        ResampleBlocks(firsts: [0], ends: [seconds])
    }

    /// Fills `lows` and `highs` for a series with `width` distinct buckets.
    mutating func rows(width: Int) {
        lows.removeAll(keepingCapacity: true)
        highs.removeAll(keepingCapacity: true)
        for index in firsts.indices {
            lows.append(firsts[index] * width)
            highs.append(ends[index] * width)
        }
    }

    /// Replaces the blocks with `ceil(seconds / block)` new ones, each starting uniformly at one of the
    /// `seconds - block + 1` possible starts; the last is cut so that the resample has exactly `seconds` seconds.
    mutating func draw(seconds: Int, block: Int, using random: inout RandomSource) {
        firsts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let choices = UInt64(seconds - block + 1)
        var remaining = seconds
        while remaining > 0 {
            // The high word of a 64x64-bit product: an index in 0..<choices without a division.
            let first = Int(choices.multipliedFullWidth(by: random.next()).high)
            firsts.append(first)
            ends.append(first + Swift.min(block, remaining))
            remaining -= block
        }
    }
}
