extension RunResult {
    /// The exact latency histogram of the requests named `name` (and `method`), or of every request when
    /// `name` is nil, over the seconds `seconds` of the series: merged from the per-second buckets, so any
    /// window can be recomputed (and windows of several runs merged with `LatencyHistogram.add`).
    ///
    /// nil for a schema 1 file, which kept only percentile summaries per second: they cannot be merged.
    package func latency(ofRequest name: String? = nil, method: String? = nil, seconds: Range<Int>) -> LatencyHistogram? {
        var merged = LatencyHistogram()
        for sample in series where seconds.contains(sample.second) {
            for row in sample.requests where name == nil || (row.name == name && (method == nil || row.method == method)) {
                guard let latency = row.latency else { return nil }
                merged.add(latency.histogram)
            }
        }
        return merged
    }
}
