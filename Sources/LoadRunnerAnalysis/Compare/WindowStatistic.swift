import LoadRunnerModel

/// A metric's window formula over a `WindowSeries`, evaluated on resamples of blocks of whole seconds: a percentile
/// of the merged histograms (latency, or in an open stage service time and lag), exactly as
/// `LatencyHistogram.micros(atPercentile:)` computes it, the top bucket for `max`, `service.max` and `lag.max`, or a
/// ratio of sums (`rps`, `error_rate`). Over every second of the window once it gives the point value of those seconds.
struct WindowStatistic {
    private enum Formula {
        case percentile(Double, BucketSeries)
        case max(BucketSeries)
        case ratio(numerator: [Double], denominator: [Double])
    }

    private let formula: Formula

    /// Nil for a measure without a window formula here, or a histogram measure of a window that kept no such
    /// histograms per second.
    init?(_ measure: MetricMeasure, _ series: WindowSeries) {
        switch measure {
        case .percentile(let percentile), .servicePercentile(let percentile):
            guard let buckets = series.buckets(for: measure) else { return nil }
            formula = .percentile(percentile, buckets)
        case .lagP99:
            guard let buckets = series.buckets(for: measure) else { return nil }
            formula = .percentile(99, buckets)
        case .max, .serviceMax, .lagMax:
            guard let buckets = series.buckets(for: measure) else { return nil }
            formula = .max(buckets)
        default:
            guard let sums = series.sums(measure) else { return nil }
            formula = .ratio(numerator: sums.numerator, denominator: sums.denominator)
        }
    }

    /// The value over every resample of `draws`, in order; NaN where it is undefined (no request, or a zero
    /// denominator). One loop per formula over raw buffers: in a debug build the bootstrap's time is here.
    func values(_ draws: ResampleDraws) -> [Double] {
        var result = [Double](repeating: .nan, count: draws.resamples)
        draws.firsts.withUnsafeBufferPointer { firsts in
            draws.ends.withUnsafeBufferPointer { ends in
                result.withUnsafeMutableBufferPointer { result in
                    switch formula {
                    case .ratio(let numerator, let denominator):
                        Self.ratios(numerator, denominator, firsts, ends, blocks: draws.blocks, into: result)
                    case .max(let series):
                        Self.tops(series, firsts, ends, blocks: draws.blocks, into: result)
                    case .percentile(let percentile, let series):
                        Self.percentiles(percentile, series, firsts, ends, blocks: draws.blocks, into: result)
                    }
                }
            }
        }
        return result
    }

    /// The value over one resample of blocks (`firsts[i]..<ends[i]`); nil where undefined.
    func value(firsts: [Int], ends: [Int]) -> Double? {
        let value = values(ResampleDraws(resamples: 1, blocks: firsts.count, firsts: firsts, ends: ends))[0]
        return value.isNaN ? nil : value
    }

    private static func ratios(
        _ numerator: [Double], _ denominator: [Double], _ firsts: UnsafeBufferPointer<Int>,
        _ ends: UnsafeBufferPointer<Int>, blocks: Int, into result: UnsafeMutableBufferPointer<Double>
    ) {
        numerator.withUnsafeBufferPointer { numerator in
            denominator.withUnsafeBufferPointer { denominator in
                // `while` loops: a range's iterator is a generic call per step in a debug build.
                var index = 0, resample = 0
                while resample < result.count {
                    var top = 0.0, bottom = 0.0, block = 0
                    while block < blocks {
                        top += numerator[ends[index]] - numerator[firsts[index]]
                        bottom += denominator[ends[index]] - denominator[firsts[index]]
                        index += 1
                        block += 1
                    }
                    if bottom > 0 { result[resample] = top / bottom }
                    resample += 1
                }
            }
        }
    }

    private static func tops(
        _ series: BucketSeries, _ firsts: UnsafeBufferPointer<Int>, _ ends: UnsafeBufferPointer<Int>, blocks: Int,
        into result: UnsafeMutableBufferPointer<Double>
    ) {
        series.topBucket.withUnsafeBufferPointer { topBucket in
            var index = 0, resample = 0
            while resample < result.count {
                var top = -1, block = 0
                while block < blocks {
                    var second = firsts[index]
                    while second < ends[index] {
                        if topBucket[second] > top { top = topBucket[second] }
                        second += 1
                    }
                    index += 1
                    block += 1
                }
                if top >= 0 { result[resample] = Double(series.values[top]) }
                resample += 1
            }
        }
    }

    /// HdrHistogram's rank, `max(1, ceil(p × count / 100))` (the count itself at 100), found by bisection over
    /// the bucket index: each probe sums the blocks' running counts at that bucket, so no histogram is built.
    private static func percentiles(
        _ percentile: Double, _ series: BucketSeries, _ firsts: UnsafeBufferPointer<Int>,
        _ ends: UnsafeBufferPointer<Int>, blocks: Int, into result: UnsafeMutableBufferPointer<Double>
    ) {
        let width = series.values.count
        guard width > 0 else { return }
        series.cumulative.withUnsafeBufferPointer { cumulative in
            guard let cumulative = cumulative.baseAddress, let firsts = firsts.baseAddress, let ends = ends.baseAddress
            else { return }
            var resample = 0
            while resample < result.count {
                defer { resample += 1 }
                let lows = firsts + resample * blocks, highs = ends + resample * blocks
                let total = count(upTo: width - 1, cumulative, width: width, lows: lows, highs: highs, blocks: blocks)
                guard total > 0 else { continue }
                let rank = percentile >= 100
                    ? total : Swift.max(1, UInt64((percentile.nextDown * Double(total) / 100).rounded(.up)))
                var bottom = 0, top = width - 1
                while bottom < top {
                    let middle = (bottom + top) / 2
                    if count(upTo: middle, cumulative, width: width, lows: lows, highs: highs, blocks: blocks) >= rank {
                        top = middle
                    } else {
                        bottom = middle + 1
                    }
                }
                result[resample] = Double(series.values[bottom])
            }
        }
    }

    /// The requests of the blocks in buckets `0...bucket`.
    private static func count(
        upTo bucket: Int, _ cumulative: UnsafePointer<UInt64>, width: Int, lows: UnsafePointer<Int>,
        highs: UnsafePointer<Int>, blocks: Int
    ) -> UInt64 {
        var total: UInt64 = 0, block = 0
        let column = cumulative + bucket
        while block < blocks {
            total &+= (column + highs[block] &* width).pointee &- (column + lows[block] &* width).pointee
            block &+= 1
        }
        return total
    }
}

/// Resamples of one window, `blocks` blocks each, flattened: block `i` of resample `r` is seconds
/// `firsts[r × blocks + i]..<ends[r × blocks + i]`.
struct ResampleDraws {
    let resamples: Int
    let blocks: Int
    var firsts: [Int]
    var ends: [Int]

    /// Every second of a `seconds`-second window once, in order: the point value's seconds.
    static func whole(seconds: Int) -> ResampleDraws {
        ResampleDraws(resamples: 1, blocks: 1, firsts: [0], ends: [seconds])
    }

    /// `resamples` resamples of each window, baseline then candidate for each resample (the order of draws that
    /// keeps intervals reproducible): `ceil(seconds / block)` blocks each, starting uniformly at one of the
    /// `seconds - block + 1` possible starts, the last cut so that the resample has exactly `seconds` seconds.
    static func draw(
        _ resamples: Int, baseline: (seconds: Int, block: Int), candidate: (seconds: Int, block: Int),
        using random: inout RandomSource
    ) -> (baseline: ResampleDraws, candidate: ResampleDraws) {
        var base = ResampleDraws(resamples: resamples, seconds: baseline.seconds, block: baseline.block)
        var cand = ResampleDraws(resamples: resamples, seconds: candidate.seconds, block: candidate.block)
        for _ in 0..<resamples {
            base.append(seconds: baseline.seconds, block: baseline.block, using: &random)
            cand.append(seconds: candidate.seconds, block: candidate.block, using: &random)
        }
        return (base, cand)
    }

    init(resamples: Int, blocks: Int, firsts: [Int], ends: [Int]) {
        self.resamples = resamples
        self.blocks = blocks
        self.firsts = firsts
        self.ends = ends
    }

    private init(resamples: Int, seconds: Int, block: Int) {
        self.resamples = resamples
        blocks = (seconds + block - 1) / block
        firsts = []
        ends = []
        firsts.reserveCapacity(resamples * blocks)
        ends.reserveCapacity(resamples * blocks)
    }

    private mutating func append(seconds: Int, block: Int, using random: inout RandomSource) {
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
