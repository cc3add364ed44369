/// A Prometheus remote write 1.0 `WriteRequest`, hand-encoded in protobuf: a few nested messages, so no protobuf
/// library is needed.
///
/// ```
/// WriteRequest { repeated TimeSeries timeseries = 1; }
/// TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
/// Label        { string name = 1; string value = 2; }
/// Sample       { double value = 1; int64 timestamp = 2; }   // timestamp: milliseconds since 1970
/// ```
/// Each series' labels are `__name__`, the sample's own and `extraLabels`, sorted by name as the protocol asks.
package enum RemoteWriteRequest {
    /// The encoded `WriteRequest` of `samples`, each one a time series with one sample at `timestampMillis`.
    package static func encode(
        _ samples: [PrometheusExposition.Sample], timestampMillis: Int64, extraLabels: [(String, String)] = []
    ) -> [UInt8] {
        var request = ProtobufWriter()
        for sample in samples {
            request.message(1) { series in
                let labels = ([("__name__", sample.name)] + sample.labels + extraLabels).sorted { $0.0 < $1.0 }
                for (name, value) in labels {
                    series.message(1) { label in
                        label.string(1, name)
                        label.string(2, value)
                    }
                }
                series.message(2) { point in
                    point.double(1, sample.value)
                    point.unsigned(2, UInt64(bitPattern: timestampMillis))
                }
            }
        }
        return request.bytes
    }
}
