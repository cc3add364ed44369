import Foundation
import LoadRunnerModel

/// A latency histogram in Prometheus' native (exponential) buckets, what `/metrics` sends a client that asks for
/// the protobuf exposition: bucket `i` holds the values in (2^((i-1)/32), 2^(i/32)] seconds (schema 5: each power
/// of two cut into 32 buckets, so a bucket is 2.2% wide), only non-empty buckets sent, as spans of consecutive
/// indexes and delta-encoded counts. Unlike classic buckets, native histograms of several runs (or shards) add up
/// exactly in PromQL.
///
/// Each HdrHistogram bucket goes whole into the native bucket holding its highest value (the value classic buckets
/// use too); the HdrHistogram bucket is 0.1% wide, so a value sits at most that far on the wrong side of a bound.
package struct NativeHistogram: Sendable, Equatable {
    /// A run of consecutive buckets: `offset` is the first index for the first span, else the gap after the previous.
    package struct Span: Sendable, Equatable {
        package var offset: Int32
        package var length: UInt32

        package init(offset: Int32, length: UInt32) {
            self.offset = offset
            self.length = length
        }
    }

    /// Each power of two is cut into 2^schema buckets.
    package static let schema: Int32 = 5
    /// Values at or below this many seconds go to the zero bucket: here only 0 µs. Being above 0, it also marks an
    /// empty histogram as a native one (Prometheus tells native from classic by spans or a zero bucket).
    package static let zeroThreshold: Double = 1e-9

    package var zeroCount: UInt64 = 0
    package var spans: [Span] = []
    /// Each non-empty bucket's count less the previous one's (the first's less 0), in index order.
    package var deltas: [Int64] = []

    package init(_ latency: LatencyHistogram) {
        var counts: [(index: Int32, count: UInt64)] = []
        for bucket in LatencyBuckets(latency).buckets where bucket.count > 0 {
            guard bucket.value > 0 else {
                zeroCount += bucket.count
                continue
            }
            let index = Self.index(ofSeconds: Double(bucket.value) / 1e6)
            if let last = counts.last, last.index == index {
                counts[counts.count - 1].count += bucket.count
            } else {
                counts.append((index, bucket.count))
            }
        }
        var previousIndex: Int32?
        var previousCount: UInt64 = 0
        for (index, count) in counts {
            if let previousIndex, index == previousIndex + 1 {
                spans[spans.count - 1].length += 1
            } else {
                spans.append(Span(offset: previousIndex.map { index - $0 - 1 } ?? index, length: 1))
            }
            deltas.append(Int64(count) - Int64(previousCount))
            previousIndex = index
            previousCount = count
        }
    }

    /// The upper bound of bucket `index`, in seconds: 2^(index / 2^schema).
    package static func upperBound(ofIndex index: Int32) -> Double {
        exp2(Double(index) / Double(1 << schema))
    }

    /// The bucket a positive value in seconds falls in: the lowest index whose upper bound is at least the value.
    package static func index(ofSeconds seconds: Double) -> Int32 {
        var index = Int32((log2(seconds) * Double(1 << schema)).rounded(.up))
        // log2 may be an ulp off at a bound: settle it against the bounds themselves.
        while upperBound(ofIndex: index - 1) >= seconds { index -= 1 }
        while upperBound(ofIndex: index) < seconds { index += 1 }
        return index
    }
}
