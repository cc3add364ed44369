import Foundation
@testable import LoadRunnerLive
import LoadRunnerModel
import LoadRunnerReports
import Testing

/// `/metrics` in protobuf with native histograms: bucket indexes against bounds worked out by hand, spans and
/// deltas of a known histogram, the encoded families read back field by field, and the `Accept` negotiation.
@Suite struct NativeHistogramTests {
    @Test func bucketIndexesFollowSchemaFive() {
        // Schema 5: bucket i ends at 2^(i/32) s, so 1 s ends bucket 0, 2 s bucket 32 and 0.5 s bucket -32.
        #expect(NativeHistogram.index(ofSeconds: 1) == 0)
        #expect(NativeHistogram.index(ofSeconds: 2) == 32)
        #expect(NativeHistogram.index(ofSeconds: 0.5) == -32)
        #expect(NativeHistogram.index(ofSeconds: 1.000_001) == 1)
        // 1 ms: log2(0.001) × 32 = -318.9, and 2^(-319/32) = 0.000998 < 0.001 <= 2^(-318/32) = 0.001020.
        #expect(NativeHistogram.index(ofSeconds: 0.001) == -318)
        #expect(NativeHistogram.index(ofSeconds: 0.0011) == -314)
        #expect(NativeHistogram.index(ofSeconds: 0.002) == -286)
    }

    @Test func spansAndDeltasOfAKnownHistogram() {
        var latency = LatencyHistogram()
        latency.record(micros: 1000, count: 3)
        latency.record(micros: 1100, count: 1)
        latency.record(micros: 2000, count: 2)
        let native = NativeHistogram(latency)
        // Buckets -318 (3), -314 (1) and -286 (2): gaps of 3 and 27 buckets, counts as deltas 3, 1 - 3, 2 - 1.
        #expect(native.zeroCount == 0)
        #expect(native.spans == [.init(offset: -318, length: 1), .init(offset: 3, length: 1), .init(offset: 27, length: 1)])
        #expect(native.deltas == [3, -2, 1])

        var neighbours = LatencyHistogram()
        neighbours.record(micros: 1000, count: 5)
        neighbours.record(micros: 1030, count: 2) // 2^(-317/32) s = 1.0421 ms: the next bucket
        #expect(NativeHistogram(neighbours).spans == [.init(offset: -318, length: 2)])
        #expect(NativeHistogram(neighbours).deltas == [5, -3])
        #expect(NativeHistogram(LatencyHistogram()).spans.isEmpty)
    }

    @Test func protobufHoldsTheTextFamiliesAndNativeBuckets() throws {
        var state = LiveState(
            profileName: "live", stages: [Stage(users: 2, spawnRate: 2, duration: .seconds(5), warmup: .seconds(0))],
            requestNames: [(name: "get", method: "GET")])
        state.start(at: Date(timeIntervalSince1970: 1_800_000_000))
        var latency = LatencyHistogram()
        latency.record(micros: 1000, count: 3)
        latency.record(micros: 2000, count: 2)
        let totals = RunningTotals(requests: 0, failures: 0, bodyBytes: 0, medianMicros: 0, meanMicros: 0, minMicros: 0, maxMicros: 0)
        let row = IntervalStats(name: "get", method: "GET", requests: 5, failures: 0, bodyBytes: 0, latency: latency, total: totals)
        state.record(SecondSample(
            second: 0, unixTime: 1_800_000_000, users: 2, stage: 1, inWindow: true, requests: [row], aggregated: row,
            generatorCPUPercent: 10, schedulingLagMicros: 0))

        let families = try #require(ProtobufMessage.delimited(PrometheusProtobuf.render(state)))
        let text = PrometheusText.exposition(state)
        // Every family the text has a sample for, in the same order; counters are type 0, gauges 1, histograms 4.
        #expect(families.compactMap { $0.string(1) } == text.families.filter { !$0.metrics.isEmpty }.map { $0.name })
        let requests = try #require(families.first { $0.string(1) == "loadrunner_requests_total" })
        #expect(requests.varint(3) == 0)
        let counter = try #require(requests.messages(4).first)
        #expect(counter.messages(1).map { [$0.string(1), $0.string(2)] } == [["name", "get"], ["method", "GET"]])
        #expect(counter.messages(3).first?.double(1) == 5)
        // Stamped with the end of second 0, in milliseconds.
        #expect(counter.varint(6) == 1_800_000_001_000)
        #expect(families.first { $0.string(1) == "loadrunner_users" }?.varint(3) == 1)

        let duration = try #require(families.first { $0.string(1) == "loadrunner_request_duration_seconds" })
        #expect(duration.varint(3) == 4)
        let histogram = try #require(duration.messages(4).first?.messages(7).first)
        #expect(histogram.varint(1) == 5)
        #expect(abs((histogram.double(2) ?? 0) - 0.007) < 0.007 * 0.001)
        // Classic buckets as in the text, bounds inclusive: the three 1 ms requests are in le="0.001".
        let classic = histogram.messages(3).map { [$0.double(2) ?? -1, Double($0.varint(1) ?? 0)] }
        #expect(classic.first == [0.001, 3] && classic[1] == [0.0025, 5] && classic.count == PrometheusText.bucketBounds.count)
        #expect(histogram.signed(5) == 5)
        #expect(histogram.double(6) == NativeHistogram.zeroThreshold)
        #expect(histogram.varint(7) == 0)
        #expect(histogram.messages(12).map { [$0.signed(1), $0.varint(2).map(Int64.init)] } == [[-318, 1], [31, 1]])
        // Buckets -318 and -286 (a gap of 31), holding 3 and 2.
        #expect(histogram.packedSigned(13) == [3, -1])
    }

    @Test func acceptHeaderChoosesTheFormat() {
        let prometheusNative = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.8,"
            + "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"
        #expect(MetricsFormat.negotiate(accept: prometheusNative) == .protobuf)
        #expect(MetricsFormat.negotiate(accept: nil) == .text)
        #expect(MetricsFormat.negotiate(accept: "*/*") == .text)
        #expect(MetricsFormat.negotiate(accept: "text/plain;version=0.0.4;q=1,application/vnd.google.protobuf;"
            + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5") == .text)
        // Not the delimited MetricFamily stream, or refused with q=0: text.
        #expect(MetricsFormat.negotiate(accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily") == .text)
        #expect(MetricsFormat.negotiate(accept: "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited; q=0") == .text)
        #expect(MetricsFormat.negotiate(accept: "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited") == .protobuf)
    }
}
