import LoadRunnerModel

/// Writes a `LiveState` in Prometheus' protobuf exposition (`io.prometheus.client.MetricFamily` messages, each
/// preceded by its length as a varint): the families `PrometheusText` writes, with every latency histogram both in
/// the classic buckets and in native buckets (`NativeHistogram`). `/metrics` serves it to a client whose `Accept`
/// asks for it, as Prometheus does with native histograms enabled.
///
/// ```
/// MetricFamily { string name = 1; string help = 2; MetricType type = 3; repeated Metric metric = 4; }
/// Metric       { repeated LabelPair label = 1; Gauge gauge = 2; Counter counter = 3; Histogram histogram = 7;
///                int64 timestamp_ms = 6; }
/// Histogram    { uint64 sample_count = 1; double sample_sum = 2; repeated Bucket bucket = 3; sint32 schema = 5;
///                double zero_threshold = 6; uint64 zero_count = 7; repeated BucketSpan positive_span = 12;
///                repeated sint64 positive_delta = 13; }
/// Bucket       { uint64 cumulative_count = 1; double upper_bound = 2; }
/// BucketSpan   { sint32 offset = 1; uint32 length = 2; }
/// ```
/// Families without a metric yet are left out (the text exposition still has their HELP and TYPE).
package enum PrometheusProtobuf {
    /// The `Content-Type` of the format.
    package static let contentType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"

    /// The MetricFamily type numbers.
    private static let typeNumbers: [String: UInt64] = ["counter": 0, "gauge": 1, "histogram": 4]

    package static func render(_ state: LiveState) -> [UInt8] {
        let stamp = PrometheusText.timestampMillis(state)
        var out: [UInt8] = []
        for family in PrometheusText.exposition(state).families where !family.metrics.isEmpty {
            var message = ProtobufWriter()
            message.string(1, family.name)
            message.string(2, family.help)
            message.unsigned(3, typeNumbers[family.type] ?? 3)
            for metric in family.metrics {
                message.message(4) { encode(metric, type: family.type, stamp: stamp, into: &$0) }
            }
            ProtobufWriter.appendVarint(&out, UInt64(message.bytes.count))
            out += message.bytes
        }
        return out
    }

    private static func encode(_ metric: PrometheusExposition.Metric, type: String, stamp: Int64?, into out: inout ProtobufWriter) {
        for (name, value) in metric.labels {
            out.message(1) { label in
                label.string(1, name)
                label.string(2, value)
            }
        }
        if let latency = metric.latency {
            out.message(7) { histogram(&$0, latency) }
        } else {
            out.message(type == "counter" ? 3 : 2) { $0.double(1, metric.value) }
        }
        if let stamp { out.unsigned(6, UInt64(bitPattern: stamp)) }
    }

    private static func histogram(_ out: inout ProtobufWriter, _ latency: LatencyHistogram) {
        let count = latency.count
        out.unsigned(1, count)
        out.double(2, latency.meanMicros * Double(count) / 1e6)
        for (bound, cumulative) in zip(PrometheusText.bucketBounds, PrometheusText.cumulativeCounts(latency)) {
            out.message(3) { bucket in
                bucket.unsigned(1, cumulative)
                bucket.double(2, bound)
            }
        }
        let native = NativeHistogram(latency)
        out.signed(5, Int64(NativeHistogram.schema))
        out.double(6, NativeHistogram.zeroThreshold)
        out.unsigned(7, native.zeroCount)
        for span in native.spans {
            out.message(12) { message in
                message.signed(1, Int64(span.offset))
                message.unsigned(2, UInt64(span.length))
            }
        }
        if !native.deltas.isEmpty { out.packedSigned(13, native.deltas) }
    }
}
