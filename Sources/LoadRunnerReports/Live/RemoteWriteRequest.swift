/// A Prometheus remote write 1.0 `WriteRequest`, hand-encoded in protobuf: a few nested messages, so no protobuf
/// library is needed.
///
/// ```
/// WriteRequest { repeated TimeSeries timeseries = 1; }
/// TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
/// Label        { string name = 1; string value = 2; }
/// Sample       { double value = 1; int64 timestamp = 2; }   // timestamp: milliseconds since 1970
/// ```
/// Each series' labels are `__name__` and the sample's own, sorted by name as the protocol asks.
package enum RemoteWriteRequest {
    /// The encoded `WriteRequest` of `samples`, each one a time series with one sample at `timestampMillis`.
    package static func encode(_ samples: [PrometheusExposition.Sample], timestampMillis: Int64) -> [UInt8] {
        var request: [UInt8] = []
        for sample in samples {
            var series: [UInt8] = []
            let labels = ([("__name__", sample.name)] + sample.labels).sorted { $0.0 < $1.0 }
            for (name, value) in labels {
                var label: [UInt8] = []
                appendBytes(&label, field: 1, Array(name.utf8))
                appendBytes(&label, field: 2, Array(value.utf8))
                appendBytes(&series, field: 1, label)
            }
            var point: [UInt8] = []
            appendKey(&point, field: 1, wireType: 1)
            withUnsafeBytes(of: sample.value.bitPattern.littleEndian) { point.append(contentsOf: $0) }
            appendKey(&point, field: 2, wireType: 0)
            appendVarint(&point, UInt64(bitPattern: timestampMillis))
            appendBytes(&series, field: 2, point)
            appendBytes(&request, field: 1, series)
        }
        return request
    }

    /// A length-delimited field (wire type 2).
    static func appendBytes(_ out: inout [UInt8], field: Int, _ bytes: [UInt8]) {
        appendKey(&out, field: field, wireType: 2)
        appendVarint(&out, UInt64(bytes.count))
        out.append(contentsOf: bytes)
    }

    static func appendKey(_ out: inout [UInt8], field: Int, wireType: Int) {
        appendVarint(&out, UInt64(field << 3 | wireType))
    }

    /// Base-128 varint, least significant group first.
    static func appendVarint(_ out: inout [UInt8], _ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }
}
