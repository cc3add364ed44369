import LoadRunnerModel

/// One request row (a name, or the aggregate) over the whole seconds of one stage window, kept as running sums
/// so that any run of consecutive seconds is merged in time independent of its length: what `BlockBootstrap`
/// resamples. Pure.
///
/// `cumulative` holds, for every `t` in `0...seconds` and every distinct latency bucket `u` of the window, how many
/// requests of the seconds before `t` fell in buckets `0...u`; the requests of seconds `s..<s + length` in buckets
/// up to `u` are then `cumulative[s + length][u] - cumulative[s][u]`. Memory is `(seconds + 1) × buckets` words
/// (about 12 MB for 300 s and 5,000 distinct buckets), built once per row and run and shared by its measures.
struct WindowSeries: Sendable {
    /// The whole seconds of the window, in time order.
    let seconds: Int
    /// The distinct latency bucket values of the window (the highest value of each bucket, microseconds), ascending.
    let values: [UInt64]
    /// `(seconds + 1) × values.count` running counts, row by row (see the type's comment).
    let cumulative: [UInt64]
    /// Per second, the index in `values` of its highest bucket; -1 for a second without a request.
    let topBucket: [Int]
    /// False when a second with requests kept no latency buckets (a schema 1 `result.json`): latencies then have
    /// no interval.
    let hasHistograms: Bool
    /// Running sums of each second's numerator and denominator, per ratio measure (`PerSecondSamples.sums`).
    private let ratioSums: [MetricMeasure: (numerator: [Double], denominator: [Double])]

    /// The row `name`/`method` of `window` (the aggregate, the sum of every request row, when `name` is nil).
    init(_ window: [SecondSample], name: String?, method: String?) {
        seconds = window.count
        // A name's row, or every request row for the aggregate (whose own row keeps no buckets).
        let latencyRows: [[IntervalStats]] = window.map { second in
            guard let name else { return second.requests }
            return second.requests.first { $0.name == name && $0.method == method }.map { [$0] } ?? []
        }
        let rows: [IntervalStats?] = zip(window, latencyRows).map { second, rows in name == nil ? second.aggregated : rows.first }
        let buckets = latencyRows.map { rows in rows.flatMap { $0.latency?.buckets ?? [] } }
        hasHistograms = latencyRows.joined().allSatisfy { $0.requests == 0 || $0.latency != nil }
        values = Array(Set(buckets.joined().map(\.value))).sorted()
        cumulative = Self.cumulative(buckets, values: values)
        let values = values
        topBucket = buckets.map { entries in
            entries.map(\.value).max().map { top in Self.index(of: top, in: values) } ?? -1
        }
        var sums: [MetricMeasure: (numerator: [Double], denominator: [Double])] = [:]
        for measure in MetricID.comparedRequestMeasures where !measure.isLatency {
            var numerator = [0.0], denominator = [0.0]
            for row in rows {
                let (top, bottom) = PerSecondSamples.sums(row, measure: measure) ?? (0, 0)
                numerator.append(numerator.last! + top)
                denominator.append(denominator.last! + bottom)
            }
            sums[measure] = (numerator, denominator)
        }
        ratioSums = sums
    }

    /// The running sums of `measure`'s numerator and denominator; nil for a latency measure.
    func sums(_ measure: MetricMeasure) -> (numerator: [Double], denominator: [Double])? { ratioSums[measure] }

    /// The position of `value` in the ascending `values`, which hold it.
    private static func index(of value: UInt64, in values: [UInt64]) -> Int {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = (low + high) / 2
            if values[middle] >= value { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The running counts per second and bucket, each second's buckets added at their index.
    private static func cumulative(_ buckets: [[LatencyBuckets.Bucket]], values: [UInt64]) -> [UInt64] {
        let width = values.count
        var index: [UInt64: Int] = [:]
        for (position, value) in values.enumerated() { index[value] = position }
        var result = [UInt64](repeating: 0, count: (buckets.count + 1) * width)
        var counts = [UInt64](repeating: 0, count: width)
        for (second, entries) in buckets.enumerated() {
            for position in 0..<width { counts[position] = 0 }
            for entry in entries { counts[index[entry.value]!] += entry.count }
            var running: UInt64 = 0
            let previous = second * width, row = previous + width
            for position in 0..<width {
                running += counts[position]
                result[row + position] = result[previous + position] + running
            }
        }
        return result
    }
}
